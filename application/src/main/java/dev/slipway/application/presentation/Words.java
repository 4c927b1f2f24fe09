package dev.slipway.application.presentation;

import dev.slipway.domain.deployment.Deployment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The small words every front end shares: how a deployment is named, a status spelled, a duration or a time shown. */
public final class Words {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Words() {
    }

    /** hello 0.1.31-dev on dev */
    public static String subject(Deployment d) {
        return "%s %s on %s".formatted(d.service(), d.release().tag(), d.environment());
    }

    /** A status or kind as every document spells it: lower case with underscores ({@code rolled_back}). */
    public static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The same word for people: {@code rolled back}. */
    public static String spoken(Enum<?> value) {
        return word(value).replace('_', ' ');
    }

    /** 450ms, 3.2s, 2m05s, 1h02m: short, and precise enough to compare two runs. */
    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) return millis + "ms";
        if (millis < 60_000) return "%d.%ds".formatted(millis / 1000, (millis % 1000) / 100);
        long seconds = duration.toSeconds();
        if (seconds < 3600) return "%dm%02ds".formatted(seconds / 60, seconds % 60);
        return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    /** A time in sentences that every reader sees alike, whatever their zone: 2026-11-24 09:00 UTC. */
    public static String time(Instant at) {
        return UTC.format(at);
    }
}

package dev.slipway.adapter.shell;

import java.time.Duration;

/** Durations as people type them (the domain's one grammar) and elapsed times as the shell shows them. */
final class Durations {

    private Durations() {
    }

    /** The one grammar of {@link dev.slipway.domain.input.Durations}: 30s, 10m, 1h30m, 2d, 500ms, or 0. */
    static Duration parse(String text) {
        return dev.slipway.domain.input.Durations.parse("", text);
    }

    /** 450ms, 3.2s, 2m05s, 1h02m: short, and precise enough to compare two runs. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) return millis + "ms";
        if (millis < 60_000) return "%d.%ds".formatted(millis / 1000, (millis % 1000) / 100);
        long seconds = duration.toSeconds();
        if (seconds < 3600) return "%dm%02ds".formatted(seconds / 60, seconds % 60);
        return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }
}

package dev.slipway.adapter.http;

import dev.slipway.domain.deployment.Status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the dashboard's history shows, as its form and links carry it: a service, environments (any of a list), statuses,
 * a range of UTC days ({@code from} and {@code to}, both included) and the page ({@code before}: the last deployment
 * shown, or an instant from an older link).
 */
record HistoryFilter(Optional<String> service, List<String> environments, List<String> statuses, Optional<LocalDate> from, Optional<LocalDate> to,
                     Optional<String> before) {

    HistoryFilter {
        environments = List.copyOf(environments);
        statuses = List.copyOf(statuses);
    }

    /** Reads the request's parameters; a malformed status or date is an {@link IllegalArgumentException} naming it. */
    static HistoryFilter of(Optional<String> service, Optional<List<String>> environments, Optional<List<String>> statuses, Optional<String> from,
                            Optional<String> to, Optional<String> before) {
        List<String> envs = environments.orElse(List.of()).stream().filter(e -> !e.isBlank()).distinct().toList();
        List<String> words = statuses.orElse(List.of()).stream().filter(s -> !s.isBlank()).distinct().toList();
        words.forEach(HistoryFilter::status);
        return new HistoryFilter(service.filter(s -> !s.isBlank()), envs, words, day("from", from), day("to", to), before.filter(b -> !b.isBlank()));
    }

    Set<Status> statusSet() {
        Set<Status> set = EnumSet.noneOf(Status.class);
        statuses.forEach(word -> set.add(status(word)));
        return set;
    }

    /** The first instant of {@code from}'s day. */
    Optional<Instant> since() {
        return from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The end of {@code to}'s day, unless the page says where to continue. */
    Optional<Instant> until() {
        return to.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The same filter on another page: {@code page} is the last deployment shown, or empty for the newest. */
    HistoryFilter page(Optional<String> page) {
        return new HistoryFilter(service, environments, statuses, from, to, page);
    }

    /** The query string that shows this filter, {@code ?service=...&environment=...}, or empty. */
    String query() {
        List<String> parts = new ArrayList<>();
        service.ifPresent(s -> parts.add("service=" + Html.url(s)));
        environments.forEach(e -> parts.add("environment=" + Html.url(e)));
        statuses.forEach(s -> parts.add("status=" + Html.url(s)));
        from.ifPresent(d -> parts.add("from=" + d));
        to.ifPresent(d -> parts.add("to=" + d));
        before.ifPresent(b -> parts.add("before=" + Html.url(b)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static Status status(String word) {
        try {
            return Status.valueOf(word.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'%s' is not a status".formatted(word));
        }
    }

    private static Optional<LocalDate> day(String name, Optional<String> text) {
        try {
            return text.filter(t -> !t.isBlank()).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("%s must be a day such as 2026-11-24".formatted(name));
        }
    }
}

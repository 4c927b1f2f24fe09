package dev.slipway.application.presentation;

import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.Keys;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.Week;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one JSON document of delivery metrics: {@code slipway metrics --output json} prints it as its {@code metrics}
 * section and {@code GET /api/metrics} answers it. Plain data; durations in seconds, absent values null; a rate is a
 * fraction from 0 to 1. Field names are an interface, as for {@link DeploymentDocument}. {@link #line} says the same
 * in one sentence for people, which the CLI, Slack and the digest share.
 */
public record MetricsDocument(int schemaVersion, String from, String to, double windowDays, List<EnvironmentDocument> environments) {

    /** The field names in order, with their meaning, as help and the README list them. */
    public static final List<String> DESCRIPTION = List.of(
            "metrics      {schemaVersion, from, to, windowDays, environments [{service, environment, production,",
            "             keys {succeeded, deploysPerDay, deploysPerWeek, changes, leadTimeMedianSeconds, leadTimeP90Seconds,",
            "             deploys, failures, changeFailureRate (0 to 1), recovered, unrecovered, recoveryMedianSeconds},",
            "             trend [{from, to, keys {...}}] (the seven-day weeks ending now, oldest first)}]}");

    public static MetricsDocument of(MetricsReport report) {
        return new MetricsDocument(DeploymentDocument.SCHEMA_VERSION, DeploymentDocument.text(report.from()), DeploymentDocument.text(report.to()),
                report.window().toSeconds() / 86_400.0, report.environments().stream().map(EnvironmentDocument::of).toList());
    }

    public record EnvironmentDocument(String service, String environment, boolean production, KeysDocument keys, List<WeekDocument> trend) {
        static EnvironmentDocument of(EnvironmentMetrics m) {
            return new EnvironmentDocument(m.service(), m.environment(), m.production(), KeysDocument.of(m.keys()),
                    m.trend().stream().map(WeekDocument::of).toList());
        }
    }

    public record WeekDocument(String from, String to, KeysDocument keys) {
        static WeekDocument of(Week week) {
            return new WeekDocument(DeploymentDocument.text(week.from()), DeploymentDocument.text(week.to()), KeysDocument.of(week.keys()));
        }
    }

    public record KeysDocument(int succeeded, double deploysPerDay, double deploysPerWeek, int changes, Double leadTimeMedianSeconds,
                               Double leadTimeP90Seconds, int deploys, int failures, Double changeFailureRate, int recovered, int unrecovered,
                               Double recoveryMedianSeconds) {
        static KeysDocument of(Keys k) {
            return new KeysDocument(k.succeeded(), round(k.perDay()), round(k.perWeek()), k.changes(), seconds(k.leadTimeMedian()),
                    seconds(k.leadTimeP90()), k.deploys(), k.failures(), k.changeFailureRate().map(MetricsDocument::round).orElse(null),
                    k.recovered(), k.unrecovered(), seconds(k.recoveryMedian()));
        }
    }

    // ---- words for people ----

    /** {@code 1.5 a week (3 in 14 days)}: the deployment frequency. */
    public static String frequency(Keys k, Duration span) {
        long days = Math.max(1, Math.round(span.toSeconds() / 86_400.0));
        return "%s a week (%d in %d day%s)".formatted(number(k.perWeek()), k.succeeded(), days, days == 1 ? "" : "s");
    }

    /** {@code median 19h00m, p90 39h00m (5 commits)}, or why there is none. */
    public static String leadTime(Keys k, boolean production) {
        if (!production) return "not measured (not production)";
        if (k.leadTimeMedian().isEmpty()) return "no commit delivered";
        return "median %s, p90 %s (%d commit%s)".formatted(Words.duration(k.leadTimeMedian().get()), Words.duration(k.leadTimeP90().orElseThrow()),
                k.changes(), k.changes() == 1 ? "" : "s");
    }

    /** {@code 50% (2 of 4)}, or {@code no deploys}. */
    public static String failureRate(Keys k) {
        return k.changeFailureRate().map(r -> "%s%% (%d of %d)".formatted(number(r * 100), k.failures(), k.deploys())).orElse("no deploys");
    }

    /** {@code median 3h30m (2 recovered)}, with those not recovered yet, or {@code no failures}. */
    public static String recovery(Keys k) {
        if (k.failures() == 0) return "no failures";
        String pending = k.unrecovered() == 0 ? "" : ", %d not yet".formatted(k.unrecovered());
        return k.recoveryMedian().map(m -> "median %s (%d recovered%s)".formatted(Words.duration(m), k.recovered(), pending))
                .orElse("none recovered yet (%d failure%s)".formatted(k.failures(), k.failures() == 1 ? "" : "s"));
    }

    /** The four keys of one environment in one line, as the CLI, Slack and the digest print them. */
    public static String line(EnvironmentMetrics m, Duration span) {
        Keys k = m.keys();
        return "%s/%s: deploys %s; lead time %s; change failure rate %s; recovery %s".formatted(m.service(), m.environment(),
                frequency(k, span), leadTime(k, m.production()), failureRate(k), recovery(k));
    }

    /** A number for people: whole when it is, else one or two decimals ({@code 1.5}, {@code 0.21}). */
    public static String number(double value) {
        if (value == Math.rint(value)) return Long.toString((long) value);
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value).replaceAll("0+$", "");
    }

    static Double seconds(Optional<Duration> duration) {
        return duration.map(DeploymentDocument::seconds).orElse(null);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

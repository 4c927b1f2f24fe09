package dev.slipway.adapter.http;

import dev.slipway.adapter.http.DashboardPages.Viewer;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.Keys;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.Week;
import dev.slipway.application.presentation.MetricsDocument;
import dev.slipway.application.presentation.Words;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import static dev.slipway.adapter.http.Html.text;

/** The HTML of a service's page: each environment's state and actions, its four keys and their weekly trend. */
final class ServicePages {

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final List<String> WINDOWS = List.of("7d", "30d", "90d", "180d");

    private ServicePages() {}

    /** One environment as the viewer may act on it: {@code mayDeploy} also covers promote, as the core's roles say. */
    record EnvironmentPanel(Environment environment, Optional<Deployment> current, Optional<Deployment> active, Optional<Lock> lock,
                            boolean mayDeploy, boolean mayLock, boolean mayRollBack) {}

    static String service(Viewer viewer, Service service, List<EnvironmentPanel> panels, MetricsReport report) {
        String window = dev.slipway.domain.input.Durations.format(report.window());
        StringBuilder choices = new StringBuilder();
        for (String w : WINDOWS) choices.append("<option%s>%s</option>".formatted(w.equals(window) ? " selected" : "", w));
        StringBuilder sections = new StringBuilder();
        for (EnvironmentPanel panel : panels) {
            String env = panel.environment().name();
            EnvironmentMetrics m = report.environments().stream().filter(e -> e.environment().equals(env)).findFirst().orElseThrow();
            sections.append(section(service.name(), panel, m, report));
        }
        String main = """
                <p><a href="/">← All deployments</a></p>
                <h1>%s</h1>
                <form method="get" action="/services/%s" class="filters">
                <label for="since">Window</label> <select id="since" name="since">%s</select> <button type="submit">Show</button>
                <span class="muted">%s to %s. The keys are defined in the README under “Delivery metrics”.</span>
                </form>
                %s
                """.formatted(text(service.name()), Html.url(service.name()), choices, text(Words.time(report.from())), text(Words.time(report.to())),
                sections);
        return DashboardPages.page(service.name(), viewer, main);
    }

    private static String section(String service, EnvironmentPanel panel, EnvironmentMetrics m, MetricsReport report) {
        String env = panel.environment().name();
        String base = "/environments/%s/%s".formatted(Html.url(service), Html.url(env));
        String running = panel.current().map(d -> "<a href=\"/deployments/%s\">%s</a>".formatted(d.id(), text(d.resultingRelease().orElse(d.release()).tag())))
                .orElse("<span class=\"muted\">nothing deployed</span>");
        String active = panel.active().map(d -> " · in progress: <a href=\"/deployments/%s\">%s</a> %s".formatted(d.id(), text(d.release().tag()),
                Html.status(ApiViews.word(d.status())))).orElse("");
        String lock = panel.lock().map(l -> " · <span class=\"status status-wait\">locked</span> by %s%s".formatted(text(l.actor()),
                l.reason().isBlank() ? "" : ": " + text(l.reason()))).orElse("");
        StringBuilder actions = new StringBuilder();
        if (panel.mayDeploy()) {
            actions.append("<a class=\"button\" href=\"%s/deploy\">Deploy %s/%s…</a>".formatted(base, text(service), text(env)));
            panel.environment().promotedFrom().ifPresent(from -> actions.append("<a class=\"button\" href=\"%s/promote\">Promote %s to %s…</a>"
                    .formatted(base, text(from), text(env))));
        }
        if (panel.mayLock()) {
            actions.append(panel.lock().filter(Lock::isManual).isPresent()
                    ? "<a class=\"button\" href=\"%s/unlock\">Unlock %s/%s…</a>".formatted(base, text(service), text(env))
                    : "<a class=\"button\" href=\"%s/lock\">Lock %s/%s…</a>".formatted(base, text(service), text(env)));
        }
        if (panel.mayRollBack() && panel.current().isPresent()) {
            actions.append("<a class=\"button\" href=\"%s/rollback\">Roll back %s/%s…</a>".formatted(base, text(service), text(env)));
        }
        Keys k = m.keys();
        List<Week> weeks = m.trend();
        List<String> labels = weeks.stream().map(w -> WEEK.format(w.from())).toList();
        String charts = TrendChart.bars("Deploys a week", labels, weeks.stream().map(w -> (double) w.keys().succeeded()).toList(), TrendChart::count)
                + (m.production() ? TrendChart.bars("Lead time, median", labels, weeks.stream().map(w -> seconds(w.keys().leadTimeMedian())).toList(), TrendChart::hours) : "")
                + TrendChart.bars("Change failure rate", labels, weeks.stream().map(w -> w.keys().changeFailureRate().orElse(null)).toList(), TrendChart::percent)
                + TrendChart.bars("Recovery time, median", labels, weeks.stream().map(w -> seconds(w.keys().recoveryMedian())).toList(), TrendChart::hours);
        StringBuilder rows = new StringBuilder();
        for (Week w : weeks) {
            Keys wk = w.keys();
            rows.append("<tr><th scope=\"row\">%s</th><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>\n".formatted(text(WEEK.format(w.from())),
                    wk.succeeded(), m.production() ? text(wk.leadTimeMedian().map(Words::duration).orElse("none")) : "not measured",
                    text(MetricsDocument.failureRate(wk)), text(MetricsDocument.recovery(wk))));
        }
        return """
                <section class="environment" aria-labelledby="env-%s" data-environment="%s">
                <h2 id="env-%s">%s/%s%s</h2>
                <p>Runs %s%s%s</p>
                <div class="actions">%s</div>
                <dl class="keys">
                <div><dt>Deployment frequency</dt><dd>%s</dd></div>
                <div><dt>Lead time for changes</dt><dd>%s</dd></div>
                <div><dt>Change failure rate</dt><dd>%s</dd></div>
                <div><dt>Failed deployment recovery time</dt><dd>%s</dd></div>
                </dl>
                <div class="charts">%s</div>
                <table class="trend"><caption class="visually-hidden">Weekly trend of %s/%s</caption>
                <thead><tr><th scope="col">Week of</th><th scope="col">Deploys</th><th scope="col">Lead time (median)</th><th scope="col">Change failure rate</th><th scope="col">Recovery</th></tr></thead>
                <tbody>
                %s</tbody></table>
                </section>
                """.formatted(text(env), text(env), text(env), text(service), text(env), m.production() ? " <span class=\"status status-neutral\">production</span>" : "",
                running, active, lock, actions.isEmpty() ? "<span class=\"muted\">Your roles allow no action here.</span>" : actions,
                text(MetricsDocument.frequency(k, report.window())), text(MetricsDocument.leadTime(k, m.production())), text(MetricsDocument.failureRate(k)),
                text(MetricsDocument.recovery(k)), charts, text(service), text(env), rows);
    }

    private static Double seconds(Optional<java.time.Duration> duration) {
        return duration.map(d -> (double) d.toSeconds()).orElse(null);
    }

    static <T> String join(List<T> items, Function<T, String> each) {
        StringBuilder out = new StringBuilder();
        for (T item : items) out.append(each.apply(item));
        return out.toString();
    }
}

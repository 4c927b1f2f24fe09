package dev.slipway.adapter.http;

import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.release.Commit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import static dev.slipway.adapter.http.Html.text;

/**
 * The dashboard's HTML: the overview (environments and history), a deployment with its steps and release notes, the
 * rollback confirmation and sign-in. Plain server-rendered markup with real links, buttons and labels; the one stylesheet
 * and script come from {@code /assets}. Live parts are fragments the script fetches again when something changes.
 */
final class DashboardPages {

    private DashboardPages() {}

    /** Who is looking, for the header and the forms; {@code csrf} is empty behind the proxy. */
    record Viewer(String actor, String csrf, boolean session) {}

    static String page(String title, Viewer viewer, String main) {
        String header = viewer == null ? "" : """
                <nav aria-label="Slipway"><a href="/">Overview</a></nav>
                <p class="who">Signed in as <strong>%s</strong>%s</p>""".formatted(text(viewer.actor()),
                viewer.session() ? """
                         <form method="post" action="/signout" class="inline">%s<button type="submit">Sign out</button></form>""".formatted(csrf(viewer)) : "");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Slipway</title>
                <link rel="stylesheet" href="/assets/slipway.css">
                <script src="/assets/live.js" defer></script>
                </head>
                <body>
                <a class="skip" href="#main">Skip to content</a>
                <header><span class="brand">Slipway</span>%s</header>
                <main id="main">
                %s
                </main>
                </body>
                </html>
                """.formatted(text(title), header, main);
    }

    // ---- overview ----

    static String overview(Viewer viewer, List<String> services, List<String> environments, HistoryFilter filter, String fragment) {
        StringBuilder options = new StringBuilder("<option value=\"\">all</option>");
        for (String s : services) {
            options.append("<option%s>%s</option>".formatted(filter.service().filter(s::equals).isPresent() ? " selected" : "", text(s)));
        }
        StringBuilder envs = new StringBuilder();
        for (String e : environments) {
            envs.append("<label><input type=\"checkbox\" name=\"environment\" value=\"%s\"%s> %s</label> ".formatted(text(e),
                    filter.environments().contains(e) ? " checked" : "", text(e)));
        }
        StringBuilder statuses = new StringBuilder();
        for (dev.slipway.domain.deployment.Status st : dev.slipway.domain.deployment.Status.values()) {
            String word = ApiViews.word(st);
            statuses.append("<option value=\"%s\"%s>%s</option>".formatted(word, filter.statuses().contains(word) ? " selected" : "", word.replace('_', ' ')));
        }
        String main = """
                <h1>Deployments</h1>
                <form method="get" action="/" class="filters">
                <label for="service">Service</label> <select id="service" name="service">%s</select>
                <fieldset class="inline"><legend>Environments</legend>%s</fieldset>
                <label for="status">Status</label> <select id="status" name="status" multiple size="3">%s</select>
                <label for="from">From</label> <input id="from" name="from" type="date" value="%s">
                <label for="to">To</label> <input id="to" name="to" type="date" value="%s">
                <button type="submit">Show</button>
                </form>
                <div id="live" data-fragment="/fragments/overview%s" data-events="/events" data-poll="5000" data-always>%s</div>
                """.formatted(options, envs, statuses, filter.from().map(Object::toString).orElse(""), filter.to().map(Object::toString).orElse(""),
                text(filter.query()), fragment);
        return page("Deployments", viewer, main);
    }

    static String overviewFragment(List<EnvironmentState> states, List<Deployment> history, String olderLink, String newestLink,
                                   BiPredicate<String, String> mayRollBack) {
        StringBuilder rows = new StringBuilder();
        for (EnvironmentState s : states) {
            String running = s.current().map(d -> "<a href=\"/deployments/%s\">%s</a>".formatted(d.id(), text(d.resultingRelease().orElse(d.release()).tag())))
                    .orElse("<span class=\"muted\">nothing deployed</span>");
            String active = s.active().map(d -> " <a href=\"/deployments/%s\">%s %s</a>".formatted(d.id(), text(d.release().tag()),
                    Html.status(ApiViews.word(d.status())))).orElse("");
            String health = switch (s.liveness()) {
                case "up" -> switch (s.health().state()) {
                    case "healthy" -> "<span class=\"status status-ok\" title=\"%s\">up, healthy</span>".formatted(text(s.health().detail()));
                    case "unhealthy" -> "<span class=\"status status-bad\" title=\"%s\">up, unhealthy</span>".formatted(text(s.health().detail()));
                    default -> "<span class=\"status status-neutral\" title=\"%s\">up, health unknown</span>".formatted(text(s.health().detail()));
                };
                case "down" -> "<span class=\"status status-bad\">down</span>";
                default -> "<span class=\"status status-neutral\">unknown</span>";
            };
            String lock = s.lock().map(l -> text(l.actor() + (l.reason().isBlank() ? "" : ": " + l.reason()))).orElse("");
            String rollback = mayRollBack.test(s.service(), s.environment()) && s.current().isPresent()
                    ? "<a class=\"button\" href=\"/environments/%s/%s/rollback\">Roll back %s/%s…</a>".formatted(Html.url(s.service()),
                    Html.url(s.environment()), text(s.service()), text(s.environment()))
                    : "";
            rows.append("""
                    <tr><th scope="row">%s</th><td>%s</td><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>
                    """.formatted("<a href=\"/services/%s\">%s</a>".formatted(Html.url(s.service()), text(s.service())), text(s.environment()), running, active, health, text(s.drift().orElse("none")), lock, rollback));
        }
        StringBuilder historyRows = new StringBuilder();
        for (Deployment d : history) historyRows.append(historyRow(d));
        boolean anyActive = states.stream().anyMatch(s -> s.active().isPresent()) || history.stream().anyMatch(Deployment::isActive);
        return """
                <section aria-labelledby="environments-title" data-active="%s">
                <h2 id="environments-title">Environments</h2>
                <table class="environments">
                <thead><tr><th scope="col">Service</th><th scope="col">Environment</th><th scope="col">Running</th><th scope="col">Health</th>
                <th scope="col">Drift</th><th scope="col">Lock</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                %s</tbody>
                </table>
                </section>
                <section aria-labelledby="history-title">
                <h2 id="history-title">History</h2>
                <table class="history">
                <thead><tr><th scope="col">Tag</th><th scope="col">Environment</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Name</th>
                <th scope="col">Requested by</th><th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Commits</th></tr></thead>
                <tbody>
                %s</tbody>
                </table>
                %s
                </section>
                """.formatted(anyActive, rows, historyRows.isEmpty() ? "<tr><td colspan=\"9\">No deployments match.</td></tr>\n" : historyRows,
                olderLink == null && newestLink == null ? "" : "<nav class=\"paging\" aria-label=\"Pages of history\">%s%s</nav>".formatted(
                        newestLink == null ? "" : "<a href=\"%s\">Newest deployments</a>".formatted(text(newestLink)),
                        olderLink == null ? "" : "<a href=\"%s\">Older deployments</a>".formatted(text(olderLink))));
    }

    private static String historyRow(Deployment d) {
        List<Commit> commits = d.notes().commits();
        String commitCell;
        if (commits.isEmpty()) {
            commitCell = "<span class=\"muted\">none</span>";
        } else {
            StringBuilder list = new StringBuilder();
            for (Commit c : commits) list.append("<li><code>%s</code> %s</li>".formatted(c.id().abbreviated(), text(c.subject())));
            commitCell = "<details><summary>%d commit%s</summary><ul>%s</ul></details>".formatted(commits.size(), commits.size() == 1 ? "" : "s", list);
        }
        boolean failure = FAILURES.contains(d.status());
        return """
                <tr class="deployment%s"><td><a href="/deployments/%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>
                """.formatted(failure ? " failure" : "", d.id(), text(d.release().tag()), text(d.service() + "/" + d.environment()),
                text(ApiViews.word(d.kind())), Html.status(ApiViews.word(d.status())), text(d.name()), text(d.requestedBy().id()), Html.time(d.createdAt()),
                d.duration().map(DashboardPages::format).orElse("<span class=\"muted\">running</span>"), commitCell);
    }

    /** Statuses shown as failures: in red and in words, never like a success. */
    static final java.util.Set<dev.slipway.domain.deployment.Status> FAILURES = java.util.EnumSet.of(dev.slipway.domain.deployment.Status.FAILED,
            dev.slipway.domain.deployment.Status.ROLLED_BACK, dev.slipway.domain.deployment.Status.ROLLBACK_FAILED,
            dev.slipway.domain.deployment.Status.INTERRUPTED);

    // ---- one deployment ----

    static String deployment(Viewer viewer, String id, String fragment) {
        String main = """
                <p><a href="/">← All deployments</a></p>
                <div id="live" data-fragment="/fragments/deployments/%s" data-events="/events?deployment=%s" data-poll="3000">%s</div>
                """.formatted(id, id, fragment);
        return page("Deployment " + id, viewer, main);
    }

    static String missing(String id) {
        return """
                <section data-active="true"><h1>Deployment %s</h1>
                <p role="status">It is not in the registry yet: a deployment that waits for a lock or a worker appears here when it starts.</p></section>
                """.formatted(text(id));
    }

    static String deploymentFragment(Deployment d, boolean mayRollBack) {
        return deploymentFragment(d, mayRollBack, "", false);
    }

    /**
     * {@code approvers} names who may approve, shown while the deployment waits with its expiry; {@code mayDecide} shows
     * the Approve and Reject buttons, which lead to their confirmation pages.
     */
    static String deploymentFragment(Deployment d, boolean mayRollBack, String approvers, boolean mayDecide) {
        String waiting = d.status() != dev.slipway.domain.deployment.Status.AWAITING_APPROVAL ? "" : d.approval().map(a -> """
                <section class="approval" aria-label="Approval">
                <p>Waiting for approval from <strong class="approvers">%s</strong> until %s.</p>
                %s</section>
                """.formatted(text(approvers), Html.time(a.expiresAt()), mayDecide ? """
                <p class="actions"><a class="button" href="/deployments/%s/approve">Approve…</a> <a class="button" href="/deployments/%s/reject">Reject…</a></p>
                """.formatted(d.id(), d.id()) : "<p class=\"muted\">Your roles do not let you decide on it.</p>")).orElse("");
        StringBuilder steps = new StringBuilder();
        for (Step s : d.steps()) {
            String took = s.finishedAt().map(end -> format(Duration.between(s.startedAt(), end))).orElse("");
            steps.append("<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>\n".formatted(text(s.name()),
                    Html.status(ApiViews.word(s.status())), Html.time(s.startedAt()), took, text(s.detail()), state(s.state())));
        }
        StringBuilder notes = new StringBuilder();
        for (Commit c : d.notes().commits()) {
            notes.append("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>\n".formatted(c.id().abbreviated(), text(c.subject()),
                    text(c.author()), Html.time(c.date())));
        }
        String rollback = mayRollBack && !d.isActive()
                ? "<p><a class=\"button\" href=\"/environments/%s/%s/rollback\">Roll back %s/%s…</a></p>".formatted(Html.url(d.service()),
                Html.url(d.environment()), text(d.service()), text(d.environment()))
                : "";
        return """
                <section data-active="%s" aria-labelledby="deployment-title">
                <h1 id="deployment-title">%s %s on %s</h1>
                <p class="state" role="status" aria-live="polite">Status: %s</p>
                %s<dl class="facts">
                <dt>Name</dt><dd>%s</dd>
                <dt>Summary</dt><dd>%s</dd>
                <dt>Kind</dt><dd>%s</dd>
                <dt>Requested by</dt><dd>%s</dd>
                <dt>Commit</dt><dd><code>%s</code></dd>
                <dt>Started</dt><dd>%s</dd>
                <dt>Finished</dt><dd>%s</dd>
                %s%s</dl>
                %s
                <h2>Steps</h2>
                <table class="steps">
                <thead><tr><th scope="col">Step</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Detail</th></tr></thead>
                <tbody>
                %s</tbody>
                </table>
                <h2>Release notes%s</h2>
                %s
                </section>
                """.formatted(d.isActive(), text(d.service()), text(d.release().tag()), text(d.environment()), Html.status(ApiViews.word(d.status())),
                waiting, text(d.name()), text(d.summary()), text(ApiViews.word(d.kind())), text(d.requestedBy().id()), d.release().commit().abbreviated(),
                Html.time(d.createdAt()), d.finishedAt().map(Html::time).orElse("not yet"),
                d.failure().map(f -> "<dt>Why</dt><dd>%s</dd>\n".formatted(text(f))).orElse(""),
                d.restored().map(r -> "<dt>Restored</dt><dd>%s</dd>\n".formatted(text(r.tag()))).orElse(""),
                rollback, steps.isEmpty() ? "<tr><td colspan=\"5\">No step has run yet.</td></tr>\n" : steps,
                d.notes().since().map(s -> " since " + text(s)).orElse(""),
                notes.isEmpty() ? "<p>No commits.</p>" : """
                        <table class="notes"><thead><tr><th scope="col">Commit</th><th scope="col">Subject</th><th scope="col">Author</th><th scope="col">Date</th></tr></thead>
                        <tbody>
                        %s</tbody></table>""".formatted(notes));
    }

    /** What a step remembered (instance ids, command ids, endpoints): the per-target results. */
    private static String state(Map<String, String> state) {
        if (state.isEmpty()) return "";
        StringBuilder list = new StringBuilder("<ul class=\"state\">");
        state.forEach((k, v) -> list.append("<li>%s: %s</li>".formatted(text(k), text(v))));
        return list.append("</ul>").toString();
    }

    // ---- rollback ----

    static String confirmRollback(Viewer viewer, String service, String environment, String running, List<ActionPages.RollbackChoice> choices) {
        return ActionPages.confirmRollback(viewer, service, environment, running, choices);
    }

    static String problem(Viewer viewer, String title, String detail, String howToUnblock) {
        String main = """
                <h1>%s</h1>
                <p role="alert">%s</p>
                %s
                <p><a href="/">Back to the overview</a></p>
                """.formatted(text(title), text(detail), howToUnblock == null || howToUnblock.isBlank() ? ""
                : "<p>To unblock: %s</p>".formatted(text(howToUnblock)));
        return page(title, viewer, main);
    }

    // ---- sign-in ----

    static String signIn(String next, String error, boolean proxy) {
        String main = """
                <h1>Sign in</h1>
                %s
                <form method="post" action="/signin" class="signin">
                <input type="hidden" name="next" value="%s">
                <label for="token">API token</label>
                <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
                <button type="submit">Sign in</button>
                </form>
                <p class="muted">The token is one of <code>slipway.api.tokens</code>; ask whoever runs Slipway for one.%s</p>
                """.formatted(error == null ? "" : "<p role=\"alert\" class=\"error\">%s</p>".formatted(text(error)), text(next),
                proxy ? " Behind the team's proxy you are signed in without one." : "");
        return page("Sign in", null, main);
    }

    static String csrf(Viewer viewer) {
        return viewer == null || viewer.csrf().isEmpty() ? "" : "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">".formatted(text(viewer.csrf()));
    }

    private static String format(Duration took) {
        long ms = took.toMillis();
        if (ms < 1000) return ms + " ms";
        long s = took.toSeconds();
        return s < 60 ? "%.1f s".formatted(ms / 1000.0) : "%d min %d s".formatted(s / 60, s % 60);
    }
}

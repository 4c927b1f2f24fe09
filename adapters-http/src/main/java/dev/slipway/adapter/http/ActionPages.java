package dev.slipway.adapter.http;

import dev.slipway.adapter.http.DashboardPages.Viewer;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.application.presentation.Words;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.release.Commit;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static dev.slipway.adapter.http.Html.text;

/**
 * The confirmation pages of the dashboard's actions: each says what will happen in words, shows what the person needs to
 * decide (the plan, the approvers and the expiry, the commits), and offers one real button in a form carrying the CSRF
 * token, beside a way back.
 */
final class ActionPages {

    private ActionPages() {}

    static String confirmDecision(Viewer viewer, Deployment d, Environment environment, boolean approving) {
        Approval approval = d.approval().orElseThrow();
        Approvers approvers = new Approvers(environment.approval().approvers());
        String verb = approving ? "Approve" : "Reject";
        String main = """
                <h1>%s %s %s on %s?</h1>
                <p>%s</p>
                <dl class="facts">
                <dt>Requested by</dt><dd>%s</dd>
                <dt>Approvers</dt><dd class="approvers">%s</dd>
                <dt>Expires</dt><dd class="expiry">%s</dd>
                </dl>
                %s
                <form method="post" action="/deployments/%s/%s">
                %s<label for="why">%s</label> <input id="why" name="%s" size="40" maxlength="500">
                <button type="submit" class="%s">%s %s</button>
                <a href="/deployments/%s">Cancel</a>
                </form>
                """.formatted(verb, text(d.service()), text(d.release().tag()), text(d.environment()),
                approving ? "Approving runs the deployment at once, as a deployment started by its requester, in this server."
                        : "Rejecting cancels the deployment; nothing changes in the environment.",
                text(d.requestedBy().id()), approvers.words(), Html.time(approval.expiresAt()) + " (" + text(Words.time(approval.expiresAt())) + ")",
                commits(d.notes().commits(), "It brings"), d.id(), approving ? "approve" : "reject", DashboardPages.csrf(viewer),
                approving ? "Comment (optional)" : "Reason (optional)", approving ? "comment" : "reason", approving ? "" : "danger", verb,
                text(d.release().tag()), d.id());
        return DashboardPages.page(verb + " " + d.id(), viewer, main);
    }

    static String confirmDeploy(Viewer viewer, Planned p) {
        String refusal = p.branchRefusal().map(r -> "<p role=\"alert\" class=\"error\">The branch rule refuses it: %s</p>".formatted(text(r))).orElse("")
                + p.lock().map(l -> "<p role=\"alert\" class=\"error\">The environment is locked: %s</p>".formatted(text(l.describe()))).orElse("");
        String main = """
                <h1>Deploy %s to %s?</h1>
                <h2>Plan</h2>
                <dl class="facts plan">
                <dt>Tag</dt><dd class="tag">%s%s</dd>
                <dt>Commit</dt><dd><code>%s</code> %s</dd>
                <dt>Runs now</dt><dd>%s</dd>
                <dt>Target</dt><dd>%s</dd>
                <dt>Approval</dt><dd>%s</dd>
                </dl>
                %s%s
                <form method="post" action="/environments/%s/%s/deploy">
                %s<input type="hidden" name="commit" value="%s">
                <button type="submit" class="danger"%s>Deploy %s to %s</button>
                <a href="/services/%s">Cancel</a>
                </form>
                """.formatted(text(p.service()), text(p.environment()), text(p.tag()), p.tagExists() ? " (exists already: a redeploy)" : " (a new tag)",
                text(p.commit().length() > 12 ? p.commit().substring(0, 12) : p.commit()), p.branch().map(b -> "from branch " + text(b)).orElse(""),
                p.currentTag().map(Html::text).orElse("nothing yet"), text(p.target()),
                p.approvalRequired() ? "required: it will wait for an approver" : "not required", commits(p.commits(), "It brings"), refusal,
                Html.url(p.service()), Html.url(p.environment()), DashboardPages.csrf(viewer), text(p.commit()), p.wouldRun() ? "" : " disabled",
                text(p.tag()), text(p.environment()), Html.url(p.service()));
        return DashboardPages.page("Deploy " + p.service() + "/" + p.environment(), viewer, main);
    }

    static String confirmPromote(Viewer viewer, String service, String from, String to, Optional<String> source, Optional<String> current,
                                 boolean approvalRequired) {
        String main = """
                <h1>Promote %s %s to %s?</h1>
                <p>%s runs %s; %s runs %s. Promoting merges that release's commit into %s's branch, tags it with %s's pattern and deploys it%s.</p>
                <form method="post" action="/environments/%s/%s/promote">
                %s<button type="submit" class="danger"%s>Promote %s to %s</button>
                <a href="/services/%s">Cancel</a>
                </form>
                """.formatted(text(service), text(from), text(to), text(from), source.map(Html::text).orElse("nothing"), text(to),
                current.map(Html::text).orElse("nothing"), text(to), text(to), approvalRequired ? " once an approver agrees" : "",
                Html.url(service), Html.url(to), DashboardPages.csrf(viewer), source.isPresent() ? "" : " disabled", text(from), text(to),
                Html.url(service));
        return DashboardPages.page("Promote " + service + "/" + to, viewer, main);
    }

    static String confirmLock(Viewer viewer, String service, String environment, boolean locking) {
        String main = locking ? """
                <h1>Lock %s/%s?</h1>
                <p>While it is locked nobody deploys, promotes or rolls back there, from any front end, until someone unlocks it.</p>
                <form method="post" action="/environments/%s/%s/lock">
                %s<label for="reason">Reason</label> <input id="reason" name="reason" size="40" maxlength="500" required>
                <button type="submit" class="danger">Lock %s/%s</button>
                <a href="/services/%s">Cancel</a>
                </form>
                """.formatted(text(service), text(environment), Html.url(service), Html.url(environment), DashboardPages.csrf(viewer),
                text(service), text(environment), Html.url(service)) : """
                <h1>Unlock %s/%s?</h1>
                <p>Deployments may start there again as soon as it is unlocked.</p>
                <form method="post" action="/environments/%s/%s/unlock">
                %s<button type="submit" class="danger">Unlock %s/%s</button>
                <a href="/services/%s">Cancel</a>
                </form>
                """.formatted(text(service), text(environment), Html.url(service), Html.url(environment), DashboardPages.csrf(viewer),
                text(service), text(environment), Html.url(service));
        return DashboardPages.page((locking ? "Lock " : "Unlock ") + service + "/" + environment, viewer, main);
    }

    /** One version a rollback may bring back, and the commits going back to it takes out of the environment (newest first). */
    record RollbackChoice(String tag, String deploymentId, List<Commit> removes) {}

    static String confirmRollback(Viewer viewer, String service, String environment, String running, List<RollbackChoice> choices) {
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            RollbackChoice c = choices.get(i);
            String removed = c.removes().isEmpty() ? "<span class=\"muted\">removes no recorded commit</span>"
                    : "removes %d commit%s: <ul>%s</ul>".formatted(c.removes().size(), c.removes().size() == 1 ? "" : "s",
                    ServicePages.join(c.removes(), m -> "<li><code>%s</code> %s (%s)</li>".formatted(m.id().abbreviated(), text(m.subject()), text(m.author()))));
            options.append("""
                    <label><input type="radio" name="to" value="%s"%s> Roll back to <strong>%s</strong></label><div class="removes">%s</div>
                    """.formatted(text(c.tag()), i == 0 ? " checked" : "", text(c.tag()), removed));
        }
        String main = """
                <h1>Roll back %s/%s?</h1>
                <p>%s runs there now. Rolling back brings the chosen release back, as a deployment of its own.</p>
                <form method="post" action="/environments/%s/%s/rollback">
                %s<fieldset class="choices"><legend>Which version</legend>
                %s</fieldset>
                <button type="submit" class="danger"%s>Roll back %s/%s</button>
                <a href="/services/%s">Cancel</a>
                </form>
                """.formatted(text(service), text(environment), running == null ? "Nothing recorded" : text(running), Html.url(service),
                Html.url(environment), DashboardPages.csrf(viewer),
                choices.isEmpty() ? "<p>No earlier succeeded release is recorded: there is nothing to roll back to.</p>" : options,
                choices.isEmpty() ? " disabled" : "", text(service), text(environment), Html.url(service));
        return DashboardPages.page("Roll back " + service + "/" + environment, viewer, main);
    }

    private static String commits(List<Commit> commits, String lead) {
        if (commits.isEmpty()) return "<p>No new commits.</p>";
        return "<p>%s %d commit%s:</p><ul class=\"commits\">%s</ul>".formatted(lead, commits.size(), commits.size() == 1 ? "" : "s",
                ServicePages.join(commits, c -> "<li><code>%s</code> %s (%s)</li>".formatted(c.id().abbreviated(), text(c.subject()), text(c.author()))));
    }

    /** The approvers in words: their ids sorted, or who may approve when the rule names nobody. */
    private record Approvers(java.util.Set<String> names) {
        String words() {
            return names.isEmpty() ? "anyone with the approve role but the requester" : text(String.join(", ", new TreeSet<>(names)));
        }
    }
}

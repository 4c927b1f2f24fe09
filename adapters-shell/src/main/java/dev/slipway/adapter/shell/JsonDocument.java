package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.Release;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The one JSON document a command prints with {@code --output json}. Its field names are an interface for scripts:
 * add fields, never rename or remove one. The top level carries only the sections of the command that printed it;
 * inside a section every field is always present, {@code null} when it does not apply. Times are ISO-8601 UTC.
 */
record JsonDocument(String outcome, int exitCode, String message, String reason, String rule, String next,
                    String restoredTag, String expiresAt, String waitingFor, DeploymentView deployment, PlanView plan,
                    List<EnvironmentView> environments, List<DeploymentView> deployments, LockView lock) {

    /** The fields every document has, in the words help uses to document them. */
    static final List<String> COMMON = List.of(
            "outcome      what happened, in snake_case: succeeded, rolled_back, failed, awaiting_approval, cancelled,",
            "             timed_out, refused, invalid, planned, locked, unlocked, ok, error",
            "exitCode     the process exit code",
            "message      one sentence for people",
            "reason       why it failed, was refused or is invalid (absent when it succeeded)",
            "rule         the policy that said no or holds it: refused, awaiting_approval, a plan that would be refused",
            "next         what to run or do next, when there is something to do");

    static final List<String> DEPLOYMENT = List.of(
            "deployment   {id, kind, status, service, environment, tag, version, commit, artifact, name, summary,",
            "             requestedBy, via, createdAt, updatedAt, finishedAt, durationSeconds, previousTag, restoredTag,",
            "             failure, approval {decision, requestedAt, expiresAt, decidedBy, decidedAt, comment},",
            "             steps [{name, status, detail, startedAt, finishedAt, durationSeconds}],",
            "             commitsSince, commits [{id, shortId, author, date, subject}]}",
            "restoredTag  the tag running again after a rollback (rolled_back only)",
            "expiresAt    when an approval request lapses (awaiting_approval only)",
            "waitingFor   what the wait that ran out was for (timed_out only)");

    static final List<String> PLAN = List.of(
            "plan         {service, environment, kind, tag, commit, currentTag, branch, branchRefusal, target,",
            "             approvalRequired, tagExists, wouldRun, lock {...}, commits [{id, shortId, author, date, subject}]}");

    static final List<String> LOCK = List.of(
            "lock         {service, environment, holder, actor, reason, acquiredAt, expiresAt, deployment, manual}");

    static final List<String> ENVIRONMENTS = List.of(
            "environments [{service, environment, target, running, since, by, health (up, down or unknown),",
            "             runningTag (as the target reports it), endpoint, drift, lock {...}, current {deployment},",
            "             active {deployment}, interrupted [deployment ids], targetDetail (the target's own words)}]");

    static final List<String> DEPLOYMENTS = List.of(
            "deployments  [{deployment}], newest first; each as described for deploy --help");

    /** The document as JSON text: the top level without the sections that are null, every section whole. */
    String toJson() {
        Map<String, Object> present = new LinkedHashMap<>();
        JsonWriter.fields(this).forEach((name, value) -> {
            if (value != null) present.put(name, value);
        });
        return JsonWriter.write(present);
    }

    static Builder of(String outcome, ExitCode exit, String message) {
        return new Builder(outcome, exit, message);
    }

    /** Collects a document's sections; only the ones set appear in the JSON. */
    static final class Builder {
        private final String outcome;
        private final ExitCode exit;
        private final String message;
        private String reason;
        private String rule;
        private String next;
        private String restoredTag;
        private String expiresAt;
        private String waitingFor;
        private DeploymentView deployment;
        private PlanView plan;
        private List<EnvironmentView> environments;
        private List<DeploymentView> deployments;
        private LockView lock;

        private Builder(String outcome, ExitCode exit, String message) {
            this.outcome = outcome;
            this.exit = exit;
            this.message = message;
        }

        Builder reason(String why) { this.reason = why; return this; }
        Builder rule(String name) { this.rule = name; return this; }
        Builder next(String what) { this.next = what == null || what.isBlank() ? null : what; return this; }
        Builder restoredTag(String tag) { this.restoredTag = tag; return this; }
        Builder expiresAt(Instant at) { this.expiresAt = text(at); return this; }
        Builder waitingFor(String what) { this.waitingFor = what; return this; }
        Builder deployment(Deployment d) { this.deployment = DeploymentView.of(d); return this; }
        Builder plan(Planned planned) { this.plan = PlanView.of(planned); return this; }
        Builder environments(List<EnvironmentState> states) { this.environments = states.stream().map(EnvironmentView::of).toList(); return this; }
        Builder deployments(List<Deployment> list) { this.deployments = list.stream().map(DeploymentView::of).toList(); return this; }
        Builder lock(Lock held) { this.lock = LockView.of(held); return this; }

        JsonDocument build() {
            return new JsonDocument(outcome, exit.code(), message, reason, rule, next, restoredTag, expiresAt, waitingFor,
                    deployment, plan, environments, deployments, lock);
        }
    }

    record DeploymentView(String id, String kind, String status, String service, String environment, String tag, String version,
                          String commit, String artifact, String name, String summary, String requestedBy, String via,
                          String createdAt, String updatedAt, String finishedAt, Double durationSeconds, String previousTag,
                          String restoredTag, String failure, ApprovalView approval, List<StepView> steps, String commitsSince,
                          List<CommitView> commits) {

        static DeploymentView of(Deployment d) {
            Release release = d.release();
            return new DeploymentView(d.id().value(), lower(d.kind().name()), lower(d.status().name()), d.service(), d.environment(),
                    release.tag(), release.version().toString(), release.commit().sha(), release.artifact().orElse(null), d.name(),
                    d.summary(), d.requestedBy().id(), lower(d.requestedBy().via().name()), text(d.createdAt()), text(d.updatedAt()),
                    d.finishedAt().map(JsonDocument::text).orElse(null), d.duration().map(JsonDocument::seconds).orElse(null),
                    d.previous().map(Release::tag).orElse(null), d.restored().map(Release::tag).orElse(null), d.failure().orElse(null),
                    d.approval().map(ApprovalView::of).orElse(null), d.steps().stream().map(StepView::of).toList(),
                    d.notes().since().orElse(null), d.notes().commits().stream().map(CommitView::of).toList());
        }
    }

    record StepView(String name, String status, String detail, String startedAt, String finishedAt, Double durationSeconds) {
        static StepView of(Step step) {
            return new StepView(step.name(), lower(step.status().name()), step.detail(), text(step.startedAt()),
                    step.finishedAt().map(JsonDocument::text).orElse(null), step.elapsed().map(JsonDocument::seconds).orElse(null));
        }
    }

    record CommitView(String id, String shortId, String author, String date, String subject) {
        static CommitView of(Commit commit) {
            return new CommitView(commit.id().sha(), commit.id().abbreviated(), commit.author(), text(commit.date()), commit.subject());
        }
    }

    record ApprovalView(String decision, String requestedAt, String expiresAt, String decidedBy, String decidedAt, String comment) {
        static ApprovalView of(Approval approval) {
            return new ApprovalView(lower(approval.decision().name()), text(approval.requestedAt()), text(approval.expiresAt()),
                    approval.decidedBy().map(actor -> actor.id()).orElse(null), approval.decidedAt().map(JsonDocument::text).orElse(null),
                    approval.comment());
        }
    }

    record PlanView(String service, String environment, String kind, String tag, String commit, String currentTag, String branch,
                    String branchRefusal, String target, boolean approvalRequired, boolean tagExists, boolean wouldRun, LockView lock,
                    List<CommitView> commits) {
        static PlanView of(Planned plan) {
            return new PlanView(plan.service(), plan.environment(), lower(plan.kind().name()), plan.tag(), plan.commit(),
                    plan.currentTag().orElse(null), plan.branch().orElse(null), plan.branchRefusal().orElse(null), plan.target(),
                    plan.approvalRequired(), plan.tagExists(), plan.wouldRun(), plan.lock().map(LockView::of).orElse(null),
                    plan.commits().stream().map(CommitView::of).toList());
        }
    }

    record LockView(String service, String environment, String holder, String actor, String reason, String acquiredAt,
                    String expiresAt, String deployment, boolean manual) {
        static LockView of(Lock lock) {
            return new LockView(lock.key().service(), lock.key().environment(), lock.holder(), lock.actor(), lock.reason(),
                    text(lock.acquiredAt()), lock.expiresAt().map(JsonDocument::text).orElse(null), lock.deployment().orElse(null),
                    lock.isManual());
        }
    }

    record EnvironmentView(String service, String environment, String target, String running, String since, String by, String health,
                           String runningTag, String endpoint, String drift, LockView lock, DeploymentView current, DeploymentView active,
                           List<String> interrupted, String targetDetail) {
        static EnvironmentView of(EnvironmentState state) {
            Optional<Deployment> current = state.current();
            return new EnvironmentView(state.service(), state.environment(), state.target(),
                    JsonDocument.running(state).orElse(null), current.flatMap(Deployment::finishedAt).map(JsonDocument::text).orElse(null),
                    current.map(d -> d.requestedBy().id()).orElse(null), JsonDocument.health(state), state.runningTag().orElse(null),
                    state.endpoint().orElse(null), state.drift().orElse(null), state.lock().map(LockView::of).orElse(null),
                    current.map(DeploymentView::of).orElse(null), state.active().map(DeploymentView::of).orElse(null),
                    state.interrupted().stream().map(d -> d.id().value()).toList(), state.targetDetail().orElse(null));
        }
    }

    /** The tag an environment runs: the registry's word, or what the target reports when the registry has none. */
    static Optional<String> running(EnvironmentState state) {
        return state.current().flatMap(Deployment::resultingRelease).map(Release::tag).or(state::runningTag);
    }

    static String health(EnvironmentState state) {
        return state.alive().map(up -> up ? "up" : "down").orElse("unknown");
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.application.presentation.DeploymentDocument;
import dev.slipway.application.presentation.MetricsDocument;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.domain.deployment.Deployment;
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
import java.util.stream.Stream;

/**
 * The one JSON document a command prints with {@code --output json}. Its field names are an interface for scripts:
 * add fields, never rename or remove one. The top level carries only the sections of the command that printed it;
 * inside a section every field is always present, {@code null} when it does not apply. Times are ISO-8601 UTC.
 */
record JsonDocument(int schemaVersion, String outcome, int exitCode, String message, String reason, String rule, String next,
                    String restoredTag, String expiresAt, String waitingFor, DeploymentDocument deployment, PlanView plan,
                    List<EnvironmentView> environments, List<DeploymentDocument> deployments, LockView lock, MetricsDocument metrics) {

    /** The fields every document has, in the words help uses to document them. */
    static final List<String> COMMON = List.of(
            "schemaVersion the version of these documents' shape (%d); a new field does not change it".formatted(DeploymentDocument.SCHEMA_VERSION),
            "outcome      what happened, in snake_case: succeeded, not_deployed, rolled_back, failed, awaiting_approval,",
            "             cancelled, timed_out, refused, invalid, planned, locked, unlocked, ok, error (the API's words too)",
            "exitCode     the process exit code",
            "message      one sentence for people",
            "reason       why it failed, was refused or is invalid (absent when it succeeded)",
            "rule         the policy that said no or holds it: refused, awaiting_approval, a plan that would be refused",
            "next         what to run or do next, when there is something to do");

    /** The deployment document alone, as {@code show} prints it and the API answers it. */
    static final List<String> DEPLOYMENT_ONLY = DeploymentDocument.DESCRIPTION;

    static final List<String> DEPLOYMENT = java.util.stream.Stream.concat(DeploymentDocument.DESCRIPTION.stream(), Stream.of(
            "restoredTag  the tag running again after a rollback (rolled_back only)",
            "expiresAt    when an approval request lapses (awaiting_approval only)",
            "waitingFor   what the wait that ran out was for (timed_out only)")).toList();

    static final List<String> PLAN = List.of(
            "plan         {service, environment, kind, tag, commit, currentTag, branch, branchRefusal, target,",
            "             approvalRequired, tagExists, wouldRun, lock {...}, commits [{id, shortId, author, date, subject}],",
            "             waves [\"1\", \"50%\", \"100%\"], bake (\"5m\", \"0\": none), gates [\"cloudwatch-alarms [hello-5xx]\", ...]}");

    static final List<String> LOCK = List.of(
            "lock         {service, environment, holder, actor, reason, acquiredAt, expiresAt, deployment, manual}");

    static final List<String> ENVIRONMENTS = List.of(
            "environments [{service, environment, target, running, since, by, liveness (up, down or unknown: whether",
            "             the target says it runs), health (healthy, unhealthy or unknown: what its health check answered",
            "             just now), healthDetail, runningTag (as the target reports it), endpoint, drift, lock {...}, current {deployment},",
            "             active {deployment}, interrupted [deployment ids], targetDetail (the target's own words)}]");

    static final List<String> METRICS = MetricsDocument.DESCRIPTION;

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

    /** A document that says what the presenter says: its word, sentence, reason, rule, next step and exit code. */
    static Builder of(Presentation presentation) {
        Builder builder = new Builder(presentation.outcome(), ExitCode.of(presentation.exitCode()), presentation.message())
                .reason(presentation.reason()).rule(presentation.rule()).next(presentation.next());
        presentation.deployment().ifPresent(builder::deployment);
        return builder;
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
        private DeploymentDocument deployment;
        private PlanView plan;
        private List<EnvironmentView> environments;
        private List<DeploymentDocument> deployments;
        private LockView lock;
        private MetricsDocument metrics;

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
        Builder deployment(Deployment d) { this.deployment = DeploymentDocument.of(d); return this; }
        Builder plan(Planned planned) { this.plan = PlanView.of(planned); return this; }
        Builder environments(List<EnvironmentState> states) { this.environments = states.stream().map(EnvironmentView::of).toList(); return this; }
        Builder deployments(List<Deployment> list) { this.deployments = list.stream().map(DeploymentDocument::of).toList(); return this; }
        Builder lock(Lock held) { this.lock = LockView.of(held); return this; }
        Builder metrics(MetricsDocument document) { this.metrics = document; return this; }

        JsonDocument build() {
            return new JsonDocument(DeploymentDocument.SCHEMA_VERSION, outcome, exit.code(), message, reason, rule, next, restoredTag, expiresAt, waitingFor,
                    deployment, plan, environments, deployments, lock, metrics);
        }
    }

    record CommitView(String id, String shortId, String author, String date, String subject) {
        static CommitView of(Commit commit) {
            return new CommitView(commit.id().sha(), commit.id().abbreviated(), commit.author(), text(commit.date()), commit.subject());
        }
    }

    record PlanView(String service, String environment, String kind, String tag, String commit, String currentTag, String branch,
                    String branchRefusal, String target, boolean approvalRequired, boolean tagExists, boolean wouldRun, LockView lock,
                    List<CommitView> commits, List<String> waves, String bake, List<String> gates) {
        static PlanView of(Planned plan) {
            return new PlanView(plan.service(), plan.environment(), lower(plan.kind().name()), plan.tag(), plan.commit(),
                    plan.currentTag().orElse(null), plan.branch().orElse(null), plan.branchRefusal().orElse(null), plan.target(),
                    plan.approvalRequired(), plan.tagExists(), plan.wouldRun(), plan.lock().map(LockView::of).orElse(null),
                    plan.commits().stream().map(CommitView::of).toList(),
                    plan.delivery().waves().map(w -> java.util.Arrays.stream(w.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of("100%")),
                    dev.slipway.domain.input.Durations.format(plan.delivery().bake()), plan.delivery().gates());
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

    record EnvironmentView(String service, String environment, String target, String running, String since, String by, String liveness,
                           String health, String healthDetail, String runningTag, String endpoint, String drift, LockView lock,
                           DeploymentDocument current, DeploymentDocument active, List<String> interrupted, String targetDetail) {
        static EnvironmentView of(EnvironmentState state) {
            Optional<Deployment> current = state.current();
            return new EnvironmentView(state.service(), state.environment(), state.target(),
                    JsonDocument.running(state).orElse(null), current.flatMap(Deployment::finishedAt).map(JsonDocument::text).orElse(null),
                    current.map(d -> d.requestedBy().id()).orElse(null), state.liveness(), state.health().state(), state.health().detail(),
                    state.runningTag().orElse(null), state.endpoint().orElse(null), state.drift().orElse(null), state.lock().map(LockView::of).orElse(null),
                    current.map(DeploymentDocument::of).orElse(null), state.active().map(DeploymentDocument::of).orElse(null),
                    state.interrupted().stream().map(d -> d.id().value()).toList(), state.targetDetail().orElse(null));
        }
    }

    /** The tag an environment runs: the registry's word, or what the target reports when the registry has none. */
    static Optional<String> running(EnvironmentState state) {
        return state.current().flatMap(Deployment::resultingRelease).map(Release::tag).or(state::runningTag);
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

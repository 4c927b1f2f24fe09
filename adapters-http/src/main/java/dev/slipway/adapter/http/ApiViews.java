package dev.slipway.adapter.http;

import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.presentation.DeploymentDocument;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The JSON documents the REST API answers: plain records of strings, numbers and times, decoupled from the domain's
 * shapes so that the API stays stable when the core changes. Absent values are null.
 */
final class ApiViews {

    private ApiViews() {}

    record ServiceView(String name, String repository, List<EnvironmentRules> environments) {}

    record EnvironmentRules(String name, String branch, String tag, String trigger, String target, boolean approvalRequired, String promotedFrom) {}

    record Release(String tag, String version, String commit, Instant deployedAt, String deployedBy, String deployment) {}

    record LockView(String holder, String actor, String reason, Instant acquiredAt, Instant expiresAt, String deployment, boolean manual) {}

    record Active(String id, String status, String tag, String version) {}

    record EnvironmentView(String service, String environment, String target, Release current, Active active, LockView lock,
                           String runningTag, String endpoint, String liveness, String health, String healthDetail, String drift,
                           List<String> interrupted, String targetDetail) {}

    record DeploymentSummary(String id, String service, String environment, String kind, String status, String tag, String version, String commit,
                             String name, String summary, int commits, String requestedBy, Instant createdAt, Instant finishedAt, String link) {}

    record Page(List<DeploymentSummary> items, String next) {}

    /**
     * What a command answered: the outcome word, the sentence the CLI prints, the rule that holds it, the next step, and
     * the deployment document when there is one.
     */
    record Result(String outcome, String message, String rule, String next, String location, DeploymentDocument deployment) {}

    static ServiceView service(Service service) {
        return new ServiceView(service.name(), service.repository().hostedAs().orElse(null),
                service.environments().values().stream().map(ApiViews::rules).toList());
    }

    private static EnvironmentRules rules(Environment e) {
        return new EnvironmentRules(e.name(), e.branchPolicy().branch(), e.tagPattern().pattern(), e.trigger().word(), e.target().type(),
                e.approval().required(), e.promotedFrom().orElse(null));
    }

    static EnvironmentView environment(EnvironmentState s) {
        Release current = s.current().map(d -> {
            var release = d.resultingRelease().orElse(d.release());
            return new Release(release.tag(), release.version().toString(), release.commit().sha(), d.finishedAt().orElse(d.updatedAt()), d.requestedBy().id(), d.id().value());
        }).orElse(null);
        Active active = s.active().map(d -> new Active(d.id().value(), word(d.status()), d.release().tag(), d.release().version().toString())).orElse(null);
        return new EnvironmentView(s.service(), s.environment(), s.target(), current, active, s.lock().map(ApiViews::lock).orElse(null),
                s.runningTag().orElse(null), s.endpoint().orElse(null), s.liveness(), s.health().state(), s.health().detail(), s.drift().orElse(null),
                s.interrupted().stream().map(d -> d.id().value()).toList(), s.targetDetail().orElse(null));
    }

    static LockView lock(Lock l) {
        return new LockView(l.holder(), l.actor(), l.reason(), l.acquiredAt(), l.expiresAt().orElse(null), l.deployment().orElse(null), l.isManual());
    }

    static DeploymentSummary summary(Deployment d) {
        return new DeploymentSummary(d.id().value(), d.service(), d.environment(), word(d.kind()), word(d.status()), d.release().tag(),
                d.release().version().toString(), d.release().commit().sha(), d.name(), d.summary(), d.notes().commits().size(), d.requestedBy().id(), d.createdAt(),
                d.finishedAt().orElse(null), "/api/deployments/" + d.id().value());
    }

    /** The one deployment document, the same the CLI prints with {@code --output json}. */
    static DeploymentDocument deployment(Deployment d) {
        return DeploymentDocument.of(d);
    }

    /** An enum constant as the API and the CLI's JSON spell it: lower case with underscores. */
    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

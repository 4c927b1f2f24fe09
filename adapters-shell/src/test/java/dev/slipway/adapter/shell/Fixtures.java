package dev.slipway.adapter.shell;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import dev.slipway.domain.version.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small world to run commands in: service hello with dev and prod (prod asks for confirmation), and deployments. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    static final String OTHER_SHA = "0f1e2d3c4b5a69788796a5b4c3d2e1f001234567";

    private Fixtures() {
    }

    static Environment environment(String name, String pattern, boolean confirm) {
        return new Environment(name, BranchPolicy.of(name.equals("prod") ? "main" : "dev"), TagPattern.of(pattern),
                new TargetSpec("local", Map.of()), HealthCheck.DEFAULT, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC,
                name.equals("prod") ? Optional.of("dev") : Optional.empty(), confirm);
    }

    static Service hello() {
        return Service.of("hello", new SourceRepository("/srv/hello"),
                List.of(environment("dev", "{version}-dev", false), environment("prod", "v{version}", true)));
    }

    static Catalog oneService() {
        return new Catalog(List.of(hello()));
    }

    static Catalog twoServices() {
        return new Catalog(List.of(hello(), Service.of("atta", new SourceRepository("/srv/atta"),
                List.of(environment("dev", "{version}-dev", false), environment("staging", "{version}-rc", false)))));
    }

    static Release release(String tag, String version) {
        return Release.of("hello", Version.parse(version), tag, CommitId.of(SHA));
    }

    /** A deployment of hello 0.1.31-dev to dev that ran through its steps and succeeded. */
    static DeploymentBuilder aDeployment() {
        return new DeploymentBuilder();
    }

    static Lock manualLock(String environment, String by, String reason) {
        return new Lock(new LockKey("hello", environment), by, by, reason, T0, Optional.empty(), Optional.empty());
    }

    /** Reads as a sentence: aDeployment().id("...").to("prod").of("v0.1.31", "0.1.31").succeeded(). */
    static final class DeploymentBuilder {
        private String id = "a1b2c3d4e5f6";
        private String environment = "dev";
        private String tag = "0.1.31-dev";
        private String version = "0.1.31";
        private Kind kind = Kind.DEPLOY;
        private String by = "ci";

        DeploymentBuilder id(String value) { this.id = value; return this; }
        DeploymentBuilder to(String value) { this.environment = value; return this; }
        DeploymentBuilder of(String tagName, String versionName) { this.tag = tagName; this.version = versionName; return this; }
        DeploymentBuilder kind(Kind value) { this.kind = value; return this; }
        DeploymentBuilder by(String value) { this.by = value; return this; }

        Deployment planned() {
            ReleaseNotes notes = new ReleaseNotes(Optional.of("0.1.30-dev"), List.of(
                    new Commit(CommitId.of(SHA), "alice", T0.minusSeconds(600), "fix the login page"),
                    new Commit(CommitId.of(OTHER_SHA), "bob", T0.minusSeconds(1200), "add health endpoint")));
            return Deployment.plan(DeploymentId.of(id), kind, release(tag, version), environment,
                    Optional.of(release("0.1.30-dev", "0.1.30")), Actor.of(by, FrontEnd.CLI), "", "", notes, T0);
        }

        Deployment running() {
            return planned().start("test", T0)
                    .stepStarted("tag", T0).stepFinished("tag", StepStatus.SUCCEEDED, "tagged " + tag, T0.plusMillis(400))
                    .stepStarted("roll-out", T0.plusSeconds(1));
        }

        Deployment succeeded() {
            return running().stepFinished("roll-out", StepStatus.SUCCEEDED, tag + " runs", T0.plusMillis(4200)).succeed(T0.plusSeconds(5));
        }

        Deployment rolledBack() {
            return running().stepFinished("roll-out", StepStatus.FAILED, "health check kept failing", T0.plusSeconds(30))
                    .startRollback("health check kept failing", release("0.1.30-dev", "0.1.30"), T0.plusSeconds(30))
                    .rolledBack(T0.plusSeconds(40));
        }

        Deployment failed() {
            return running().stepFinished("roll-out", StepStatus.FAILED, "the process exited with 1", T0.plusSeconds(3))
                    .fail("the process exited with 1", T0.plusSeconds(3));
        }

        Deployment awaitingApproval() {
            return planned().awaitApproval(T0, T0.plus(Duration.ofHours(1)));
        }

        Deployment cancelled() {
            return planned().cancel("rejected by bob: not today", T0.plusSeconds(60));
        }
    }
}

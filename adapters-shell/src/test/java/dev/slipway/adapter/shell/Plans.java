package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;

import java.util.List;
import java.util.Optional;

/** Plans as PlanDeployment answers them. */
final class Plans {

    private Plans() {
    }

    static Planned wouldRun() {
        return new Planned("hello", "dev", Kind.DEPLOY, "0.1.31-dev", Fixtures.SHA, Optional.of("0.1.30-dev"), Optional.of("dev"),
                Optional.empty(), List.of(new Commit(CommitId.of(Fixtures.SHA), "alice", Fixtures.T0, "fix the login page")), "local",
                false, Optional.empty(), false);
    }

    static Planned promotion() {
        return new Planned("hello", "prod", Kind.PROMOTE, "v0.1.31", Fixtures.SHA, Optional.of("v0.1.30"), Optional.of("main"),
                Optional.empty(), List.of(new Commit(CommitId.of(Fixtures.SHA), "alice", Fixtures.T0, "fix the login page")), "local",
                true, Optional.empty(), false, Optional.of("dev"));
    }

    /** To an ec2-ssm fleet in waves, with a bake and two gates. */
    static Planned progressive() {
        return new Planned("hello", "prod", Kind.DEPLOY, "v0.1.31", Fixtures.SHA, Optional.of("v0.1.30"), Optional.of("main"),
                Optional.empty(), List.of(), "ec2-ssm", false, Optional.empty(), false,
                new dev.slipway.application.port.in.PlanOutcome.Delivery(Optional.of("1,50%,100%"), java.time.Duration.ofMinutes(5),
                        List.of("cloudwatch-alarms [hello-5xx]", "prometheus sum(rate(http_5xx[1m])) <= 0.05")));
    }

    static Planned refusedByBranch() {
        return new Planned("hello", "dev", Kind.DEPLOY, "0.1.31-dev", Fixtures.SHA, Optional.of("0.1.30-dev"), Optional.of("main"),
                Optional.of("dev deploys only from branch 'dev', and the repository is on 'main'"), List.of(), "local", false,
                Optional.empty(), false);
    }
}

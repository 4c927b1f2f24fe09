package dev.slipway.application.fakes;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTargetContract;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The deployment target contract run against the in-memory fake, whose memory is its lasting state. */
class FakeDeploymentTargetContractTest extends DeploymentTargetContract {

    private static final HealthCheck WITH_VERSION = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ZERO, Optional.of("/version"));

    private final FakeHealthProbe probe = new FakeHealthProbe();
    private final FakeDeploymentTarget target = new FakeDeploymentTarget(probe);
    private final Service service = Service.of("hello", new SourceRepository("/srv/hello"), List.of(new Environment(
            "dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("fake", Map.of()), WITH_VERSION,
            ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false)));

    @Override
    protected DeploymentTarget target() {
        return target;
    }

    @Override
    protected DeploymentTarget reopened() {
        return target;
    }

    @Override
    protected Service service() {
        return service;
    }

    @Override
    protected ReleaseSource sourceOf(Release release, Behaviour behaviour) {
        if (behaviour != Behaviour.HEALTHY) target.failRolloutOf(release.tag());
        return directory -> {
            throw new IllegalStateException("the fake target never writes release files");
        };
    }

    @Override
    protected Optional<String> versionAnsweredAt(URI endpoint) {
        return probe.probe(endpoint, WITH_VERSION, step).reportedVersion();
    }
}

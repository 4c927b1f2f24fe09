package dev.slipway.application.port.out;

import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where releases run, one implementation per target type ({@code local}, {@code ec2-ssm}, {@code ecs}).
 * Every method may throw {@link OutsideSystemFailure}.
 */
public interface DeploymentTarget {

    /**
     * The step-state key under which a roll-out that failed after changing only some of its instances or services
     * journals those it changed (comma-separated); the rollback step starts with the same value, so the target brings
     * back only those.
     */
    String CHANGED = "changed";

    /** The target type this adapter serves, as written in configuration. */
    String type();

    /** Checks the environment's target settings; answers the problems found, empty when they are fine. */
    List<String> validate(Service service, Environment environment);

    /** Makes the release's artifact ready on the target and answers a reference to it (image digest, directory). */
    String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step);

    /**
     * Brings the release up in place of {@code current}. A target that can health-check before switching
     * (the local target) does so, and on failure leaves {@code current} serving.
     */
    Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step);

    /**
     * Called once the release has passed verification in the environment, or has been brought back and verified by a
     * rollback: the moment to move anything that names "the release of this environment" (an image's {@code latest-dev}
     * tag, a bundle's current pointer). Until then such pointers keep naming the release that ran before, so a failed or
     * refused deployment never leaves them on a release that was not verified. Does nothing for targets without pointers.
     * May throw {@link OutsideSystemFailure}; the deployment still succeeded, and the failure is reported with it.
     */
    default String released(Service service, Environment environment, Release release, StepContext step) {
        return "";
    }

    /** Whether the release can still be brought back (its artifact, image or bundle still exists or can be rebuilt). */
    boolean canRestore(Service service, Environment environment, Release release);

    /** What the environment runs right now according to the target itself, when it can tell. */
    Optional<Running> running(Service service, Environment environment);

    /**
     * What the environment runs, answering by {@code answerBy}: a target that has to ask its instances (through SSM) tells
     * those that did not answer in time as unknown instead of waiting longer. Targets that answer at once ignore the bound.
     */
    default Optional<Running> running(Service service, Environment environment, Instant answerBy) {
        return running(service, environment);
    }

    /** The result of a roll-out. {@code endpoint} is where the new release answers, for verification. */
    record Rollout(boolean succeeded, String detail, boolean previousStillServing, Optional<URI> endpoint, List<InstanceResult> instances) {
        public Rollout {
            endpoint = endpoint == null ? Optional.empty() : endpoint;
            instances = instances == null ? List.of() : List.copyOf(instances);
        }

        public static Rollout succeeded(String detail, Optional<URI> endpoint, List<InstanceResult> instances) {
            return new Rollout(true, detail, false, endpoint, instances);
        }

        public static Rollout failed(String detail, boolean previousStillServing, List<InstanceResult> instances) {
            return new Rollout(false, detail, previousStillServing, Optional.empty(), instances);
        }
    }

    /** How the roll-out went on one instance, task or process. */
    record InstanceResult(String instance, boolean succeeded, String detail) {}

    /** What runs: the tag the target reports, where it answers, and whether it is up. */
    record Running(String tag, Optional<URI> endpoint, boolean alive, String detail) {
        public Running {
            endpoint = endpoint == null ? Optional.empty() : endpoint;
        }
    }
}

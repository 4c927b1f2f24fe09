package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What each environment runs, what is in flight there, who holds it, and whether the target agrees with the registry. */
public interface EnvironmentStatus {

    QueryOutcome<List<EnvironmentState>> status(StatusRequest request);

    /** How long a status may take in all, when the request does not say: targets and health checks that answer later are "unknown". */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** {@code timeout} bounds the whole answer (every target asked and every health check run); empty means {@link #DEFAULT_TIMEOUT}. */
    record StatusRequest(Optional<String> service, Optional<String> environment, Optional<Duration> timeout) {
        public StatusRequest(Optional<String> service, Optional<String> environment) {
            this(service, environment, Optional.empty());
        }

        public StatusRequest {
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
            timeout = timeout == null ? Optional.empty() : timeout;
            timeout.ifPresent(t -> {
                if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("a status timeout must be positive");
            });
        }

        public Duration bound() {
            return timeout.orElse(DEFAULT_TIMEOUT);
        }
    }

    /**
     * What the environment's health check answered just now, beside the target's liveness: {@code healthy},
     * {@code unhealthy} or {@code unknown} (not running, no endpoint to ask, or no answer in time), and in words.
     */
    record HealthAnswer(String state, String detail) {
        public static final String HEALTHY = "healthy";
        public static final String UNHEALTHY = "unhealthy";
        public static final String UNKNOWN = "unknown";

        public static HealthAnswer unknown(String why) {
            return new HealthAnswer(UNKNOWN, why);
        }
    }

    /**
     * One environment: the deployment that brought its current release ({@code current}), the one in flight or
     * waiting ({@code active}), the lock, what the target reports running ({@code runningTag}, {@code alive}) and
     * {@code drift}, a sentence when the target runs something other than the registry says; {@code targetDetail} is
     * what the target adds in its own words (the instances, the latest pipeline execution); {@code health} is what the
     * environment's health check answered when status ran it.
     */
    record EnvironmentState(String service, String environment, String target, Optional<Deployment> current, Optional<Deployment> active,
                            Optional<Lock> lock, Optional<String> runningTag, Optional<String> endpoint, Optional<Boolean> alive,
                            Optional<String> drift, List<Deployment> interrupted, Optional<String> targetDetail, HealthAnswer health) {

        /** A state without a health check's answer (as tests and older callers build it): unknown, "not checked". */
        public EnvironmentState(String service, String environment, String target, Optional<Deployment> current, Optional<Deployment> active,
                                Optional<Lock> lock, Optional<String> runningTag, Optional<String> endpoint, Optional<Boolean> alive,
                                Optional<String> drift, List<Deployment> interrupted, Optional<String> targetDetail) {
            this(service, environment, target, current, active, lock, runningTag, endpoint, alive, drift, interrupted, targetDetail,
                    HealthAnswer.unknown("not checked"));
        }

        /** "up", "down" or "unknown": whether the target says the release is running. */
        public String liveness() {
            return alive.map(up -> up ? "up" : "down").orElse("unknown");
        }
    }
}

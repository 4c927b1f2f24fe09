package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;

import java.util.List;
import java.util.Optional;

/** What each environment runs, what is in flight there, who holds it, and whether the target agrees with the registry. */
public interface EnvironmentStatus {

    QueryOutcome<List<EnvironmentState>> status(StatusRequest request);

    record StatusRequest(Optional<String> service, Optional<String> environment) {
        public StatusRequest {
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
        }
    }

    /**
     * One environment: the deployment that brought its current release ({@code current}), the one in flight or
     * waiting ({@code active}), the lock, what the target reports running ({@code runningTag}, {@code alive}) and
     * {@code drift}, a sentence when the target runs something other than the registry says; {@code targetDetail} is
     * what the target adds in its own words (the instances, the latest pipeline execution).
     */
    record EnvironmentState(String service, String environment, String target, Optional<Deployment> current, Optional<Deployment> active,
                            Optional<Lock> lock, Optional<String> runningTag, Optional<String> endpoint, Optional<Boolean> alive,
                            Optional<String> drift, List<Deployment> interrupted, Optional<String> targetDetail) {}
}

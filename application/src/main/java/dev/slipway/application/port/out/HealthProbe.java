package dev.slipway.application.port.out;

import dev.slipway.domain.environment.HealthCheck;

import java.net.URI;
import java.util.Optional;

/** Asks a running release whether it is healthy, and which version it says it is. */
public interface HealthProbe {

    /**
     * Runs the check against {@code endpoint} (scheme, host and port; the check supplies the paths), retrying as the
     * check says, reporting each attempt to {@code step}. Never throws for an unhealthy answer: that is a result.
     */
    Health probe(URI endpoint, HealthCheck check, StepContext step);

    /** What the probe found; {@code reportedVersion} is the body of the version path, when the check has one. */
    record Health(boolean healthy, int attempts, String detail, Optional<String> reportedVersion) {
        public Health {
            reportedVersion = reportedVersion == null ? Optional.empty() : reportedVersion;
        }
    }
}

package dev.slipway.application.service;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.GateCheck.Reading;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gate checks this process can read, by kind; reads an environment's gates and says which one failed, with its value and threshold. */
public final class Gates {

    /** No gate can be read: for wirings (tests, tools) whose environments have none. */
    public static final Gates NONE = new Gates(List.of());

    private final Map<String, GateCheck> byKind = new LinkedHashMap<>();

    public Gates(List<GateCheck> checks) {
        for (GateCheck check : checks) {
            if (byKind.put(check.kind(), check) != null) throw new IllegalArgumentException("two gate checks of kind " + check.kind());
        }
    }

    /** Whether this build can read gates of {@code kind}. */
    public boolean reads(String kind) {
        return byKind.containsKey(kind);
    }

    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /**
     * Reads {@code gates} in order and answers the first that does not pass, in words ("gate cloudwatch-alarms [hello-5xx]
     * failed: hello-5xx is ALARM; threshold: no alarm in ALARM"); empty when all pass. A system that cannot be asked fails
     * its gate: a deployment does not go on without knowing.
     */
    public Optional<String> firstFailure(List<Gate> gates, StepContext step) {
        for (Gate gate : gates) {
            GateCheck check = byKind.get(gate.kind());
            if (check == null) return Optional.of("gate %s cannot be read: this build has no %s check (it has: %s)"
                    .formatted(gate.describe(), gate.kind(), byKind.isEmpty() ? "none" : String.join(", ", byKind.keySet())));
            Reading reading;
            try {
                reading = check.check(gate, step);
            } catch (OutsideSystemFailure e) {
                return Optional.of("gate %s could not be read: %s".formatted(gate.describe(), e.getMessage()));
            }
            if (!reading.passed()) {
                return Optional.of("gate %s failed: %s; threshold: %s".formatted(gate.describe(), reading.value(), reading.threshold()));
            }
        }
        return Optional.empty();
    }
}

package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.release.Commit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a deployment would do, without doing it. */
public sealed interface PlanOutcome permits PlanOutcome.Planned, Refused, Invalid {

    /**
     * The plan: the tag it would deploy and from which commit, whether the branch rule allows it ({@code branchRefusal}
     * empty) and whether the lock is free ({@code lock} empty), the commits since the current release, the target,
     * whether approval is needed; {@code promotedFrom}, for a promotion, the environment whose release it takes; and the
     * waves, bake and gates that will apply ({@code delivery}).
     */
    record Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                   Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                   boolean approvalRequired, Optional<Lock> lock, boolean tagExists, Optional<String> promotedFrom, Delivery delivery) implements PlanOutcome {

        public Planned {
            promotedFrom = promotedFrom == null ? Optional.empty() : promotedFrom;
            delivery = delivery == null ? Delivery.NONE : delivery;
        }

        /** The plan of a promotion, with no waves, bake or gates. */
        public Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                       Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                       boolean approvalRequired, Optional<Lock> lock, boolean tagExists, Optional<String> promotedFrom) {
            this(service, environment, kind, tag, commit, currentTag, branch, branchRefusal, commits, target, approvalRequired, lock, tagExists,
                    promotedFrom, Delivery.NONE);
        }

        /** The plan of a deploy or rollback, which promotes nothing. */
        public Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                       Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                       boolean approvalRequired, Optional<Lock> lock, boolean tagExists, Delivery delivery) {
            this(service, environment, kind, tag, commit, currentTag, branch, branchRefusal, commits, target, approvalRequired, lock, tagExists,
                    Optional.empty(), delivery);
        }

        /** The plan of a deploy or rollback, which promotes nothing, with no waves, bake or gates. */
        public Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                       Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                       boolean approvalRequired, Optional<Lock> lock, boolean tagExists) {
            this(service, environment, kind, tag, commit, currentTag, branch, branchRefusal, commits, target, approvalRequired, lock, tagExists,
                    Optional.empty(), Delivery.NONE);
        }

        /** Whether a deploy with the same words would start now. */
        public boolean wouldRun() {
            return branchRefusal.isEmpty() && lock.isEmpty();
        }
    }

    /**
     * How the release is brought in progressively: the target's waves as written ({@code 1, 50%, 100%}; empty: all at once),
     * how long it bakes (zero: not at all), and the gates read between waves and during the bake, each in a few words.
     */
    record Delivery(Optional<String> waves, Duration bake, List<String> gates) {
        public static final Delivery NONE = new Delivery(Optional.empty(), Duration.ZERO, List.of());

        public Delivery {
            waves = waves == null ? Optional.empty() : waves;
            bake = bake == null ? Duration.ZERO : bake;
            gates = gates == null ? List.of() : List.copyOf(gates);
        }

        /** What {@code environment} applies to every release brought to it, by deploy or promotion alike. */
        public static Delivery of(dev.slipway.domain.environment.Environment environment) {
            return new Delivery(environment.target().setting("waves"), environment.bake(),
                    environment.gates().stream().map(dev.slipway.domain.environment.Gate::describe).toList());
        }

        /** The waves in words: "1, 50%, 100%", or "all at once". */
        public String wavesInWords() {
            return waves.map(w -> w.replace(",", ", ").replaceAll(",\\s+", ", ")).orElse("all at once");
        }

        /** The bake in words: "5m", or "none". */
        public String bakeInWords() {
            return bake.isZero() ? "none" : dev.slipway.domain.input.Durations.format(bake);
        }

        /** The gates in words, separated by "; ", or "none". */
        public String gatesInWords() {
            return gates.isEmpty() ? "none" : String.join("; ", gates);
        }
    }
}

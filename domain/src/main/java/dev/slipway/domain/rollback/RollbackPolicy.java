package dev.slipway.domain.rollback;

import dev.slipway.domain.release.Release;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What happens when a deployment fails: with {@code automatic}, failures of the listed kinds bring back the last
 * succeeded release that still exists; otherwise the deployment stays FAILED until someone runs a rollback.
 */
public record RollbackPolicy(boolean automatic, Set<FailureKind> triggers) {

    public static final RollbackPolicy AUTOMATIC = new RollbackPolicy(true, EnumSet.allOf(FailureKind.class));
    public static final RollbackPolicy MANUAL = new RollbackPolicy(false, Set.of());

    public RollbackPolicy {
        triggers = triggers == null || triggers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(triggers));
        if (automatic && triggers.isEmpty()) throw new IllegalArgumentException("an automatic rollback policy needs at least one failure that triggers it");
    }

    public boolean rollsBackOn(FailureKind failure) {
        return automatic && triggers.contains(failure);
    }

    /**
     * The release to return to: the newest of {@code succeededNewestFirst} that is not {@code failed} and that
     * {@code stillExists} accepts. Empty when there is none, for example on an environment's first deployment.
     */
    public static Optional<Release> restoreTarget(List<Release> succeededNewestFirst, Release failed, Predicate<Release> stillExists) {
        return succeededNewestFirst.stream()
                .filter(r -> !r.tag().equals(failed.tag()))
                .filter(stillExists)
                .findFirst();
    }
}

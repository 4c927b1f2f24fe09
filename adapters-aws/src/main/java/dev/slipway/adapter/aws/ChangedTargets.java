package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.StepContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a roll-out that failed part-way changed (instances, services), journaled under {@link DeploymentTarget#CHANGED}
 * so that the rollback, whose step starts with that value, brings back only those.
 */
final class ChangedTargets {

    private ChangedTargets() {
    }

    /** Journals {@code changed} as the only ones a rollback must bring back. */
    static void remember(StepContext step, Collection<String> changed) {
        step.remember(DeploymentTarget.CHANGED, String.join(",", changed));
    }

    /**
     * All of {@code targets}, or, when the step starts with the list of a roll-out that changed only some, those of them
     * still configured; said in the step's progress.
     */
    static List<String> only(List<String> targets, StepContext step, String noun) {
        Optional<List<String>> changed = step.recall(DeploymentTarget.CHANGED).map(text -> List.of(text.split(",")));
        if (changed.isEmpty()) return targets;
        List<String> still = targets.stream().filter(changed.get()::contains).toList();
        if (still.isEmpty() || still.size() == targets.size()) return targets;
        step.report("only the %s%s that changed: %s".formatted(noun, still.size() == 1 ? "" : "s", String.join(", ", still)));
        return still;
    }
}

package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;

import java.time.Duration;
import java.util.Optional;

/** Decide on a deployment waiting for approval; an approved one runs at once, in the approver's process. */
public interface Approve {

    DeploymentOutcome approve(ApproveCommand command);

    DeploymentOutcome reject(RejectCommand command);

    record ApproveCommand(String deploymentId, Optional<String> comment, Duration lockWait, Actor actor) {
        public ApproveCommand {
            comment = comment == null ? Optional.empty() : comment;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            if (deploymentId == null || actor == null) throw new IllegalArgumentException("an approval needs a deployment id and an actor");
            comment.ifPresent(c -> FreeText.reason("the comment", c));
            Durations.within("lockWait", lockWait, Duration.ZERO, Deploy.LONGEST_LOCK_WAIT);
        }
    }

    record RejectCommand(String deploymentId, Optional<String> reason, Actor actor) {
        public RejectCommand {
            reason = reason == null ? Optional.empty() : reason;
            if (deploymentId == null || actor == null) throw new IllegalArgumentException("a rejection needs a deployment id and an actor");
            reason.ifPresent(r -> FreeText.reason("the reason", r));
        }
    }
}

package dev.slipway.application.port.in;

import dev.slipway.application.port.in.Deploy.DeployCommand;

/** Everything a deploy would do, without doing it: next tag, branch rule, commits, target, approval, lock. */
public interface PlanDeployment {

    PlanOutcome plan(DeployCommand command);
}

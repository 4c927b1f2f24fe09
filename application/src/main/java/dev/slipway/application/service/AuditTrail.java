package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.application.port.out.Clock;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;

import java.util.Optional;
import java.util.function.Supplier;

/** Records every command in the audit log with how it ended, including commands that were refused or blew up. */
public final class AuditTrail {

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Runs a deployment command, turning bad input into Invalid, and records the outcome whatever it is. */
    DeploymentOutcome deploymentCommand(Actor actor, String action, String subject, Supplier<DeploymentOutcome> command) {
        DeploymentOutcome outcome;
        try {
            outcome = command.get();
        } catch (IllegalArgumentException e) {
            outcome = Outcomes.invalid(e);
        } catch (RuntimeException e) {
            record(actor, action, subject, "error", e.getMessage());
            throw e;
        }
        record(actor, action, subjectOf(outcome, subject), word(outcome), detail(outcome));
        return outcome;
    }

    void record(Actor actor, String action, String subject, String outcome, String detail) {
        try {
            log.record(new AuditLog.Entry(clock.now(), actor, action, subject, outcome, detail));
        } catch (RuntimeException e) {
            // The audit log shares the registry's database; a failure there surfaces on the command's own writes.
        }
    }

    private static String subjectOf(DeploymentOutcome outcome, String fallback) {
        Optional<Deployment> deployment = switch (outcome) {
            case DeploymentOutcome.Succeeded o -> Optional.of(o.deployment());
            case DeploymentOutcome.NotDeployed o -> Optional.of(o.deployment());
            case DeploymentOutcome.RolledBack o -> Optional.of(o.deployment());
            case DeploymentOutcome.Failed o -> Optional.of(o.deployment());
            case DeploymentOutcome.AwaitingApproval o -> Optional.of(o.deployment());
            case DeploymentOutcome.Cancelled o -> Optional.of(o.deployment());
            case DeploymentOutcome.TimedOut o -> Optional.empty();
            case Refused o -> Optional.empty();
            case Invalid o -> Optional.empty();
        };
        return deployment.map(d -> d.service() + "/" + d.environment() + " " + d.id()).orElse(fallback);
    }

    /** The status word and the sentence every front end uses for the outcome: the audit trail speaks the same words. */
    private static String word(DeploymentOutcome outcome) {
        return OutcomePresenter.present(outcome).outcome();
    }

    private static String detail(DeploymentOutcome outcome) {
        return OutcomePresenter.present(outcome).message();
    }
}

package dev.slipway.domain.environment;

import dev.slipway.domain.deployment.Actor;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an environment's deployments wait for a second person. {@code approvers} lists the actor ids (or group ids,
 * such as Slack user groups) allowed to approve; empty means anyone but the requester. A request not decided within {@code expiresAfter} lapses.
 */
public record ApprovalRule(boolean required, Set<String> approvers, Duration expiresAfter) {

    public static final ApprovalRule NONE = new ApprovalRule(false, Set.of(), Duration.ofHours(1));

    public ApprovalRule {
        approvers = approvers == null ? Set.of() : Set.copyOf(approvers);
        if (expiresAfter == null || expiresAfter.isNegative() || expiresAfter.isZero() || expiresAfter.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("approval expiry must be more than 0 and at most 30d");
        }
    }

    public static ApprovalRule required(Set<String> approvers, Duration expiresAfter) {
        return new ApprovalRule(true, approvers, expiresAfter);
    }

    /** Empty when {@code approver} may approve what {@code requester} asked for, otherwise why not. */
    public Optional<String> refusal(Actor approver, Actor requester) {
        if (approver.samePersonAs(requester)) {
            return Optional.of("%s asked for this deployment and cannot approve it too; ask %s".formatted(
                    approver.id(), approvers.isEmpty() ? "another team member" : String.join(", ", new java.util.TreeSet<>(approvers))));
        }
        if (!approvers.isEmpty() && approver.names().noneMatch(approvers::contains)) {
            return Optional.of("%s is not an approver here; approvers are %s".formatted(approver.id(), String.join(", ", new java.util.TreeSet<>(approvers))));
        }
        return Optional.empty();
    }
}

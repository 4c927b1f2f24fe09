package dev.slipway.domain.environment;

import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A place a service is deployed to ({@code dev}, {@code prod}) with the rules that govern it.
 * {@code promotedFrom} names the environment whose releases are promoted here, if any;
 * {@code confirm} asks an interactive operator to confirm before deploying here; {@code trigger} says whether a webhook
 * (a push to the branch, a pushed tag matching the pattern) deploys it; {@code production} marks an environment whose
 * deployments count as reaching users, which is where lead time for changes is measured. {@code bake} is how long a
 * verified release keeps being verified (health, version, gates) before its deployment succeeds (zero: not at all);
 * {@code gates} are checked between waves and during the bake.
 */
public record Environment(
        String name,
        BranchPolicy branchPolicy,
        TagPattern tagPattern,
        TargetSpec target,
        HealthCheck healthCheck,
        ApprovalRule approval,
        RollbackPolicy rollbackPolicy,
        Optional<String> promotedFrom,
        boolean confirm,
        Trigger trigger,
        boolean production,
        Duration bake,
        List<Gate> gates) {

    /** The longest bake an environment may name: anything longer is a typo, not a plan. */
    public static final Duration LONGEST_BAKE = Duration.ofHours(1);

    public Environment(String name, BranchPolicy branchPolicy, TagPattern tagPattern, TargetSpec target, HealthCheck healthCheck,
                       ApprovalRule approval, RollbackPolicy rollbackPolicy, Optional<String> promotedFrom, boolean confirm, Trigger trigger,
                       boolean production) {
        this(name, branchPolicy, tagPattern, target, healthCheck, approval, rollbackPolicy, promotedFrom, confirm, trigger, production, Duration.ZERO, List.of());
    }

    public Environment(String name, BranchPolicy branchPolicy, TagPattern tagPattern, TargetSpec target, HealthCheck healthCheck,
                       ApprovalRule approval, RollbackPolicy rollbackPolicy, Optional<String> promotedFrom, boolean confirm, Trigger trigger) {
        this(name, branchPolicy, tagPattern, target, healthCheck, approval, rollbackPolicy, promotedFrom, confirm, trigger, false);
    }

    public Environment(String name, BranchPolicy branchPolicy, TagPattern tagPattern, TargetSpec target, HealthCheck healthCheck,
                       ApprovalRule approval, RollbackPolicy rollbackPolicy, Optional<String> promotedFrom, boolean confirm) {
        this(name, branchPolicy, tagPattern, target, healthCheck, approval, rollbackPolicy, promotedFrom, confirm, Trigger.MANUAL, false);
    }

    public Environment {
        trigger = trigger == null ? Trigger.MANUAL : trigger;
        Names.require("environment", name);
        if (branchPolicy == null || tagPattern == null || target == null || healthCheck == null || approval == null || rollbackPolicy == null) {
            throw new IllegalArgumentException("environment %s is missing a rule".formatted(name));
        }
        promotedFrom = promotedFrom == null ? Optional.empty() : promotedFrom;
        promotedFrom.ifPresent(from -> Names.require("environment", from));
        if (promotedFrom.filter(name::equals).isPresent()) throw new IllegalArgumentException("environment %s cannot be promoted from itself".formatted(name));
        bake = bake == null ? Duration.ZERO : bake;
        if (bake.isNegative() || bake.compareTo(LONGEST_BAKE) > 0) throw new IllegalArgumentException("bake must be from 0 to 1h");
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    /** This environment with a bake time and gates. */
    public Environment withDelivery(Duration bake, List<Gate> gates) {
        return new Environment(name, branchPolicy, tagPattern, target, healthCheck, approval, rollbackPolicy, promotedFrom, confirm, trigger, production, bake, gates);
    }
}

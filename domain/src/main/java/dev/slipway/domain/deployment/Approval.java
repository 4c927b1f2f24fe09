package dev.slipway.domain.deployment;

import java.time.Instant;
import java.util.Optional;

/** A request for a second person's go-ahead, and what became of it. */
public record Approval(Instant requestedAt, Instant expiresAt, Decision decision, Optional<Actor> decidedBy, Optional<Instant> decidedAt, String comment) {

    public enum Decision { PENDING, APPROVED, REJECTED, EXPIRED }

    public Approval {
        if (requestedAt == null || expiresAt == null || decision == null) throw new IllegalArgumentException("an approval needs its times and decision");
        if (!expiresAt.isAfter(requestedAt)) throw new IllegalArgumentException("an approval must expire after it is requested");
        decidedBy = decidedBy == null ? Optional.empty() : decidedBy;
        decidedAt = decidedAt == null ? Optional.empty() : decidedAt;
        comment = comment == null ? "" : comment;
    }

    public static Approval requested(Instant at, Instant expiresAt) {
        return new Approval(at, expiresAt, Decision.PENDING, Optional.empty(), Optional.empty(), "");
    }

    public boolean isExpiredAt(Instant now) {
        return decision == Decision.PENDING && !now.isBefore(expiresAt);
    }

    Approval decided(Decision outcome, Optional<Actor> by, Instant at, String why) {
        if (decision != Decision.PENDING) throw new IllegalStateException("the approval was already " + decision.name().toLowerCase(java.util.Locale.ROOT));
        return new Approval(requestedAt, expiresAt, outcome, by, Optional.of(at), why);
    }
}

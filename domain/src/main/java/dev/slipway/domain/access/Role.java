package dev.slipway.domain.access;

import java.util.Locale;

/** What an actor may do to an environment through a remote front end (Slack, the REST API). */
public enum Role {
    /** Deploy or promote into the environment. */
    DEPLOY,
    /** Approve or reject a deployment waiting in the environment. */
    APPROVE,
    /** Roll the environment back. */
    ROLLBACK,
    /** Lock and unlock the environment. */
    LOCK;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code deploy}, {@code approve}, {@code rollback} or {@code lock}, in any case. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.word().equalsIgnoreCase(text == null ? "" : text.strip())) return role;
        }
        throw new IllegalArgumentException("'%s' is not a role; roles are deploy, approve, rollback, lock".formatted(text));
    }
}

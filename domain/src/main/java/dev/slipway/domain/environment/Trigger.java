package dev.slipway.domain.environment;

import java.util.Locale;

/** What starts a deployment of an environment besides a person: nothing, a push to its branch, or a pushed tag matching its pattern. */
public enum Trigger {
    MANUAL, PUSH, TAG;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.slipway.domain.deployment;

/** Who asked for something, and through which front end: a Slack user id, an operator's login, CI. */
public record Actor(String id, FrontEnd via) {

    public static final Actor SYSTEM = new Actor("slipway", FrontEnd.SYSTEM);

    public Actor {
        if (id == null || id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an actor needs a printable id of at most 200 characters");
        }
        if (via == null) throw new IllegalArgumentException("an actor needs a front end");
    }

    public static Actor of(String id, FrontEnd via) {
        return new Actor(id, via);
    }

    @Override
    public String toString() {
        return id + " (" + via.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}

package dev.slipway.domain.deployment;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who asked for something, and through which front end: a Slack user id, an operator's login, CI, an API token's
 * actor. {@code realm} says where the id is meaningful (a Slack team id; empty for the command line) and
 * {@code groups} lists the groups the actor belongs to there (Slack user-group ids), which access rules may name.
 */
public record Actor(String id, FrontEnd via, String realm, Set<String> groups) {

    public static final Actor SYSTEM = new Actor("slipway", FrontEnd.SYSTEM);

    public Actor {
        if (!printable(id)) throw new IllegalArgumentException("an actor needs a printable id of at most 200 characters");
        if (via == null) throw new IllegalArgumentException("an actor needs a front end");
        realm = realm == null ? "" : realm;
        if (!realm.isEmpty() && !printable(realm)) throw new IllegalArgumentException("an actor's realm must be printable, at most 200 characters");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public Actor(String id, FrontEnd via) {
        this(id, via, "", Set.of());
    }

    public static Actor of(String id, FrontEnd via) {
        return new Actor(id, via);
    }

    /** The names access rules may use for this actor: its id, then its groups. */
    public Stream<String> names() {
        return Stream.concat(Stream.of(id), groups.stream().sorted());
    }

    /** The same person: the same id in the same realm (front ends may differ: a Slack user approving through the API is still themself). */
    public boolean samePersonAs(Actor other) {
        return id.equals(other.id) && (realm.isEmpty() || other.realm.isEmpty() || realm.equals(other.realm));
    }

    private static boolean printable(String text) {
        return text != null && !text.isBlank() && text.length() <= 200 && text.chars().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return id + (realm.isEmpty() ? "" : "@" + realm) + " (" + via.name().toLowerCase(Locale.ROOT) + ")";
    }
}

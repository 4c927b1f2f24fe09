package dev.slipway.domain.access;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what through the remote front ends. The command line, the shell and Slipway itself are trusted: whoever
 * runs them already holds the machine and the registry. A webhook deploys only where an environment asked for it.
 * Through Slack and the REST API an actor needs a {@link Grant} naming it or one of its groups; with no grant at all,
 * nobody may act remotely, which is the safe default for a new installation.
 */
public record AccessRules(List<Grant> grants) {

    public static final AccessRules NONE = new AccessRules(List.of());

    public AccessRules {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** Whether the front end answers to grants at all. */
    public static boolean checked(FrontEnd via) {
        return via == FrontEnd.SLACK || via == FrontEnd.API;
    }

    public boolean permits(Actor actor, String service, String environment, Role role) {
        if (!checked(actor.via())) return true;
        Set<String> names = new TreeSet<>(actor.names().toList());
        return grants.stream().anyMatch(g -> g.covers(service, environment, role) && g.members().stream().anyMatch(names::contains));
    }

    /** The members holding {@code role} on the environment, sorted: who can help when someone is refused. */
    public Set<String> holders(String service, String environment, Role role) {
        Set<String> holders = new TreeSet<>();
        grants.stream().filter(g -> g.covers(service, environment, role)).forEach(g -> holders.addAll(g.members()));
        return holders;
    }

    /** Empty when the actor may act, otherwise the sentence that says who refused it and who can help. */
    public Optional<Refusal> refusal(Actor actor, String service, String environment, Role role) {
        if (permits(actor, service, environment, role)) return Optional.empty();
        Set<String> holders = holders(service, environment, role);
        String reason = "%s does not hold the %s role for %s/%s".formatted(actor, role.word(), service, environment);
        String help = holders.isEmpty()
                ? "nobody holds it yet: grant it under slipway.access in slipway.yml, or use the command line"
                : "ask one of " + String.join(", ", holders) + ", or have slipway.access in slipway.yml grant it to you";
        return Optional.of(new Refusal("role:" + role.word(), reason, help));
    }

    /** Which rule refused, why, and who can help. */
    public record Refusal(String rule, String reason, String howToUnblock) {}
}

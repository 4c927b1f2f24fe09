package dev.slipway.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.model.Usergroup;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Slack user into the core's {@link Actor}: the user id, the team as realm, and the user groups the user is in
 * (which access rules may name), read with {@code usergroups.list} and kept for the group-refresh interval. When Slack
 * cannot tell, the user acts with no groups, and the log says so.
 */
final class SlackActors {

    private static final Logger log = LoggerFactory.getLogger(SlackActors.class);

    private final MethodsClient client;
    private final long refreshNanos;
    private Map<String, Set<String>> groupsByUser = Map.of();
    private long readAt;
    private boolean read;

    SlackActors(MethodsClient client, Duration refresh) {
        this.client = client;
        this.refreshNanos = refresh.toNanos();
    }

    /** Called on the deployment executor, never on the request thread: it may ask Slack. */
    Actor actor(String userId, String teamId) {
        return new Actor(userId, FrontEnd.SLACK, teamId, groupsOf(userId));
    }

    synchronized Set<String> groupsOf(String userId) {
        if (!read || System.nanoTime() - readAt >= refreshNanos) refresh();
        return groupsByUser.getOrDefault(userId, Set.of());
    }

    private void refresh() {
        read = true;
        readAt = System.nanoTime();
        try {
            UsergroupsListResponse response = client.usergroupsList(r -> r.includeUsers(true));
            if (!response.isOk()) {
                unavailable("Slack answered " + response.getError());
                return;
            }
            Map<String, Set<String>> next = new HashMap<>();
            for (Usergroup group : response.getUsergroups()) {
                if (group.getUsers() == null) continue;
                for (String user : group.getUsers()) next.computeIfAbsent(user, u -> new HashSet<>()).add(group.getId());
            }
            groupsByUser = Map.copyOf(next);
            log.debug("read {} Slack user groups", response.getUsergroups().size());
        } catch (Exception e) {
            unavailable(e.toString());
        }
    }

    /** Access rules that name a group then refuse its members until the next refresh: safe, and the log says why. */
    private void unavailable(String why) {
        groupsByUser = Map.of();
        log.warn("could not read Slack user groups ({}): Slack users act with no groups until the next refresh; grants to user groups will not apply", why);
    }
}

package dev.slipway.adapter.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Answers only the configured workspace (and Enterprise Grid organisation, when one is set): a request from any other
 * team is refused with 403 before a handler sees it.
 */
final class SlackWorkspaceCheck implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(SlackWorkspaceCheck.class);

    private final SlackSettings settings;

    SlackWorkspaceCheck(SlackSettings settings) {
        this.settings = settings;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        String team;
        String enterprise;
        switch (req) {
            case SlashCommandRequest command -> {
                team = command.getPayload().getTeamId();
                enterprise = command.getPayload().getEnterpriseId();
            }
            case BlockActionRequest action -> {
                team = action.getPayload().getTeam() == null ? null : action.getPayload().getTeam().getId();
                enterprise = action.getPayload().getEnterprise() == null ? null : action.getPayload().getEnterprise().getId();
            }
            default -> {
                team = req.getContext().getTeamId();
                enterprise = req.getContext().getEnterpriseId();
            }
        }
        boolean teamMatches = Objects.equals(team, settings.teamId());
        boolean enterpriseMatches = settings.enterprise().map(e -> e.equals(enterprise)).orElse(true);
        if (!teamMatches || !enterpriseMatches) {
            log.warn("refused a Slack request from team {} (enterprise {}): this Slipway answers team {} only", team, enterprise, settings.teamId());
            return Response.builder().statusCode(403).contentType("text/plain;charset=utf-8").body("this Slipway does not serve that workspace").build();
        }
        return chain.next(req);
    }
}

package dev.slipway.bootstrap.endtoend;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /deploy dev} from Slack to a real {@code slipway serve} and the {@code local} target: signed form posts over
 * real HTTP, WireMock standing in for Slack's Web API, one message posted and then updated until the release runs.
 */
class SlackServeIT {

    private static final String TEAM = "T0E2E0001";
    private static final String ALICE = "U0ALICE01";
    private static final String SECRET = "e2e-signing-secret";

    private final WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private Workspace workspace;
    private ServingSlipway server;
    private int releasePort;

    @BeforeEach
    void serveWithSlack() {
        slack.start();
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"channel\":\"C0DEPLOYS\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(okJson("{\"ok\":true}")));
        slack.stubFor(post(urlEqualTo("/api/usergroups.list")).willReturn(okJson("{\"ok\":true,\"usergroups\":[]}")));
        slack.stubFor(post(urlPathMatching("/response/.*")).willReturn(okJson("{\"ok\":true}")));
        workspace = Workspace.create();
        releasePort = Workspace.freePortPair();
        workspace.configure("""
                slipway:
                  slack: { enabled: true, team-id: %s, api-url: "%s/api/", update-interval: 100ms }
                  access:
                    - { members: [%s], roles: [deploy, rollback], environments: [dev] }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                """.formatted(TEAM, slack.baseUrl(), ALICE, releasePort));
        server = ServingSlipway.start(workspace, "slack-server", Map.of("SLACK_BOT_TOKEN", "e2e-bot-token", "SLACK_SIGNING_SECRET", SECRET));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (workspace != null) workspace.close();
        slack.stop();
    }

    @Test
    void deploysDevFromASlashCommandWithOneMessageUpdatedUntilItSucceeds() throws Exception {
        HttpResponse<String> ack = signedPost(slashCommand("dev", "trigger-e2e-1"), Instant.now());

        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).contains("deployment `");
        awaitUpdateContaining("succeeded", Duration.ofSeconds(90));
        assertThat(Workspace.get(releasePort, "/version")).isEqualTo("0.1.0-dev");
        List<String> posts = bodies("/api/chat.postMessage");
        List<String> updates = bodies("/api/chat.update");
        assertThat(posts).as("one message per deployment").hasSize(1);
        assertThat(posts.getFirst()).contains("channel=C0DEPLOYS");
        assertThat(updates).hasSizeGreaterThanOrEqualTo(2).allSatisfy(u -> assertThat(u).contains("ts=1700000000.000100"));
        assertThat(updates.getLast()).contains("0.1.0-dev", "<@" + ALICE + ">");
        Workspace.Run history = workspace.slipway("ops", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).contains("\"succeeded\"", ALICE);
    }

    @Test
    void refusesAForgedRequestAndRunsNothing() throws Exception {
        String body = slashCommand("dev", "trigger-forged");
        HttpResponse<String> forged = server.post("/slack/events", body, "Content-Type", "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp", Long.toString(Instant.now().getEpochSecond()), "X-Slack-Signature", "v0=" + "0".repeat(64));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(bodies("/api/chat.postMessage")).isEmpty();
        Workspace.Run history = workspace.slipway("ops", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).doesNotContain("0.1.0-dev");
    }

    private HttpResponse<String> signedPost(String body, Instant at) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return server.post("/slack/events", body, "Content-Type", "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature);
    }

    private String slashCommand(String text, String trigger) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("token", "unused");
        fields.put("team_id", TEAM);
        fields.put("team_domain", "e2e");
        fields.put("channel_id", "C0DEPLOYS");
        fields.put("channel_name", "deploys");
        fields.put("user_id", ALICE);
        fields.put("user_name", "alice");
        fields.put("command", "/deploy");
        fields.put("text", text);
        fields.put("api_app_id", "A0SLIPWAY");
        fields.put("response_url", slack.baseUrl() + "/response/" + trigger);
        fields.put("trigger_id", trigger);
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private void awaitUpdateContaining(String text, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<String> updates = bodies("/api/chat.update");
            if (!updates.isEmpty() && updates.getLast().contains(text)) return;
            Thread.sleep(200);
        }
        throw new AssertionError("no chat.update said '%s' within %s; updates: %s; server: %s".formatted(text, within, bodies("/api/chat.update"), server.errors()));
    }

    /** The decoded bodies of the calls to {@code path}, oldest first. */
    private List<String> bodies(String path) {
        return slack.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path))
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest).map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList();
    }
}

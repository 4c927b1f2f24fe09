package dev.slipway.adapter.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.slack.SlackTestCore.ALICE;
import static dev.slipway.adapter.slack.SlackTestCore.BOB;
import static dev.slipway.adapter.slack.SlackTestCore.CAROL;
import static dev.slipway.adapter.slack.SlackTestCore.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slipway's Slack front end over real HTTP: signed form posts to {@code /slack/events} on a random port, the real core
 * services over fakes, and WireMock standing in for Slack's Web API (Bolt's methods endpoint prefix) and response URLs.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slipway.slack.enabled=true",
        "slipway.slack.team-id=" + TEAM,
        "slipway.slack.update-interval=50ms",
        "slipway.slack.approvals-channel=C0APPROVE",
        "SLACK_BOT_TOKEN=test-bot-token",
        "SLACK_SIGNING_SECRET=" + SlackChatOpsIT.SECRET})
class SlackChatOpsIT {

    static final String SECRET = "test-signing-secret";
    static final WireMockServer slackApi = new WireMockServer(options().dynamicPort());

    static {
        slackApi.start();
    }

    @DynamicPropertySource
    static void slackApiUrl(DynamicPropertyRegistry registry) {
        registry.add("slipway.slack.api-url", () -> slackApi.baseUrl() + "/api/");
    }

    @AfterAll
    static void stopSlack() {
        slackApi.stop();
    }

    @LocalServerPort int port;
    @Autowired InMemoryDeploymentRegistry registry;
    @Autowired dev.slipway.application.fakes.FakeVersionControl git;
    @Autowired dev.slipway.domain.environment.Catalog catalog;
    @Autowired dev.slipway.application.fakes.FakeDeploymentTarget target;
    SlackSigner slack;

    @BeforeEach
    void slackAnswers() {
        // Every test brings a commit of its own: deploying the commit that already runs is refused as nothing new.
        git.commit(catalog.services().getFirst().repository(), "dev", java.util.Map.of("app.py", "print('%s')".formatted(java.util.UUID.randomUUID())),
                "A change of this test", "dana");
        slack = new SlackSigner(URI.create("http://localhost:" + port + SlackConfiguration.PATH), SECRET);
        slackApi.resetAll();
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(5).willReturn(okJson(
                "{\"ok\":true,\"ts\":\"1700000000.{{randomValue length=6 type='NUMERIC'}}\"}").withTransformers("response-template")));
        slackApi.stubFor(post(urlEqualTo("/api/chat.update")).atPriority(5).willReturn(okJson("{\"ok\":true}")));
        slackApi.stubFor(post(urlEqualTo("/api/usergroups.list")).willReturn(okJson(
                "{\"ok\":true,\"usergroups\":[{\"id\":\"S0OPS0001\",\"team_id\":\"" + TEAM + "\",\"users\":[\"" + BOB + "\"]}]}")));
        slackApi.stubFor(post(urlPathMatching("/response/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    // ---- deploy ----

    @Test
    void deploysDevWithOneMessagePostedOnceAndUpdatedUntilItSucceeds() throws Exception {
        DeploymentId id = idOf("t-deploy-dev");
        HttpResponse<String> ack = slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "dev", "t-deploy-dev"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("deployment `" + id + "`");
        Deployment done = awaitStatus(id, Status.SUCCEEDED);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(updatesOf(id)).map(b -> b.contains(":white_check_mark: *succeeded*")).orElse(false));

        List<ServeEvent> posts = postsOf(id);
        assertThat(posts).hasSize(1);
        String ts = tsOf(posts.getFirst());
        assertThat(decoded(posts.getFirst())).contains("channel=C0DEPLOYS").contains(":arrows_counterclockwise:");
        List<String> updates = updatesOf(id);
        assertThat(updates).isNotEmpty().allSatisfy(update -> assertThat(update).contains("ts=" + ts));
        assertThat(updates.getLast()).contains("hello `" + done.release().tag() + "` on dev").contains("requested by <@" + ALICE + ">")
                .contains(":white_check_mark: *tag*").contains(":white_check_mark: *verify*").containsIgnoringCase("commits");
        assertThat(done.requestedBy().realm()).isEqualTo(TEAM);
    }

    @Test
    void refusesSomeoneWithoutTheDeployRoleSayingWhoCanHelp() throws Exception {
        DeploymentId id = idOf("t-carol");
        assertThat(slack.post(command(CAROL, "C0DEPLOYS", "/deploy", "dev", "t-carol")).statusCode()).isEqualTo(200);

        String reply = awaitReply("t-carol");
        assertThat(reply).contains("refused by role:deploy").contains("<@" + CAROL + ">").contains("<@" + ALICE + ">").contains("<!subteam^S0OPS0001>");
        assertThat(registry.find(id)).isEmpty();
        assertThat(postsOf(id)).isEmpty();
    }

    @Test
    void answersMalformedWordsWithTheUsageAndRunsNothing() throws Exception {
        HttpResponse<String> ack = slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "dev --bump enormous", "t-usage"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("ephemeral").contains("/deploy plan");
        assertThat(registry.find(idOf("t-usage"))).isEmpty();
    }

    @Test
    void answersMetricsWithTheFourKeysOfEachEnvironmentAndANextStep() throws Exception {
        assertThat(slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "metrics dev --since 7d", "t-metrics")).statusCode()).isEqualTo(200);

        String reply = awaitReply("t-metrics");
        assertThat(reply).contains("Delivery metrics").contains("hello/dev: deploys").contains("change failure rate")
                .contains("weekly succeeded/failed").contains("Next:");

        assertThat(slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "metrics --since forever", "t-metrics-bad")).statusCode()).isEqualTo(200);
        assertThat(awaitReply("t-metrics-bad")).contains(":warning:").contains("--since");
    }

    // ---- approvals ----

    @Test
    void runsAProductionDeployOnceASecondUserApprovesAndUpdatesEveryCopy() throws Exception {
        DeploymentId id = idOf("t-prod-approved");
        slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "prod", "t-prod-approved"));
        awaitStatus(id, Status.AWAITING_APPROVAL);
        await().atMost(Duration.ofSeconds(20)).until(() -> postsOf(id).size() == 2);
        List<ServeEvent> copies = postsOf(id);
        assertThat(copies).extracting(SlackChatOpsIT::decoded).anySatisfy(b -> assertThat(b).contains("channel=C0DEPLOYS"))
                .anySatisfy(b -> assertThat(b).contains("channel=C0APPROVE")).allSatisfy(b -> assertThat(b).contains(DeploymentMessage.APPROVE));
        String origin = tsOf(copies.stream().filter(e -> decoded(e).contains("channel=C0DEPLOYS")).findFirst().orElseThrow());

        HttpResponse<String> pressed = slack.post(SlackSigner.buttonPress(TEAM, BOB, "C0DEPLOYS", origin, DeploymentMessage.APPROVE, id.value(), "t-bob-approves",
                responseUrl("t-bob-approves")));

        assertThat(pressed.statusCode()).isEqualTo(200);
        Deployment done = awaitStatus(id, Status.SUCCEEDED);
        assertThat(done.approval().orElseThrow().decidedBy().orElseThrow().id()).isEqualTo(BOB);
        for (ServeEvent copy : copies) {
            String ts = tsOf(copy);
            await().atMost(Duration.ofSeconds(20)).until(() -> last(updatesOf(id).stream().filter(u -> u.contains("ts=" + ts)).toList())
                    .map(u -> u.contains("*succeeded*") && u.contains("approved by <@" + BOB + ">") && !u.contains(DeploymentMessage.APPROVE)).orElse(false));
        }
    }

    @Test
    void refusesTheRequesterApprovingTheirOwnDeployment() throws Exception {
        DeploymentId id = idOf("t-prod-self");
        slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "prod", "t-prod-self"));
        awaitStatus(id, Status.AWAITING_APPROVAL);
        await().atMost(Duration.ofSeconds(20)).until(() -> postsOf(id).size() == 2);

        slack.post(SlackSigner.buttonPress(TEAM, ALICE, "C0DEPLOYS", tsOf(postsOf(id).getFirst()), DeploymentMessage.APPROVE, id.value(), "t-alice-approves",
                responseUrl("t-alice-approves")));

        assertThat(awaitReply("t-alice-approves")).contains("refused by approval").contains("cannot approve it too");
        assertThat(registry.find(id).orElseThrow().status()).isEqualTo(Status.AWAITING_APPROVAL);
    }

    // ---- request verification ----

    @Test
    void refusesForgedStaleAndForeignRequestsWithoutRunningThem() throws Exception {
        long now = Instant.now().getEpochSecond();
        String forged = command(ALICE, "C0DEPLOYS", "/deploy", "dev", "t-forged");
        String stale = command(ALICE, "C0DEPLOYS", "/deploy", "dev", "t-stale");
        String foreign = SlackSigner.form(SlackSigner.slashCommand("T0ELSEWHERE", ALICE, "C0DEPLOYS", "/deploy", "dev", "t-foreign", responseUrl("t-foreign")));

        assertThat(slack.post(forged, now, "v0=" + "0".repeat(64), null).statusCode()).isEqualTo(401);
        assertThat(slack.post(forged, now, slack.sign(forged.replace("dev", "prod"), now), null).statusCode()).isEqualTo(401);
        assertThat(slack.post(stale, now - 301, null, null).statusCode()).isEqualTo(401);
        assertThat(slack.post(foreign).statusCode()).isEqualTo(403);

        for (String trigger : List.of("t-forged", "t-stale", "t-foreign")) assertThat(registry.find(idOf(trigger))).isEmpty();
        assertThat(slackApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathMatching("/response/.*")))).isEmpty();
        assertThat(slackApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/api/chat.postMessage")))).isEmpty();
    }

    @Test
    void runsAReplayedOrRetriedRequestOnlyOnce() throws Exception {
        DeploymentId id = idOf("t-once");
        String body = command(ALICE, "C0DEPLOYS", "/deploy", "dev", "t-once");
        long now = Instant.now().getEpochSecond();
        String signature = slack.sign(body, now);

        assertThat(slack.replay(body, now, signature).statusCode()).isEqualTo(200);
        assertThat(slack.replay(body, now, signature).statusCode()).isEqualTo(401);
        assertThat(slack.post(body, now + 1, null, "1").statusCode()).isEqualTo(200);
        awaitStatus(id, Status.SUCCEEDED);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(updatesOf(id)).map(b -> b.contains("*succeeded*")).orElse(false));

        assertThat(postsOf(id)).hasSize(1);
        assertThat(registry.history(new dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery(Optional.of("hello"), Optional.of("dev"), java.util.Set.of(), 1000, Optional.empty()))
                .stream().filter(d -> d.id().equals(id))).hasSize(1);
        assertThat(replies("t-once")).isEmpty();
    }

    /** Issue 11, item 2: a release's output closed the code fence and notified the whole channel with a phishing link. */
    @Test
    void keepsMentionsLinksAndFencesFromAReleasesOutputInertInTheThread() throws Exception {
        String output = "starting the release\n".repeat(12) + "```\n<!channel> <http://evil.example|Slack SSO> <!subteam^S0OPS0001> <@" + BOB + ">\n```";
        target.failNextRollout(output);
        DeploymentId id = idOf("t-hostile-output");

        slack.post(command(ALICE, "C0DEPLOYS", "/deploy", "dev", "t-hostile-output"));
        awaitStatus(id, Status.FAILED);
        await().atMost(Duration.ofSeconds(20)).until(() -> !threadTexts("evil.example").isEmpty());

        for (String text : threadTexts("evil.example")) {
            assertThat(text).doesNotContain("<!channel>").doesNotContain("<http://evil.example").doesNotContain("<!subteam^").doesNotContain("<@" + BOB + ">")
                    .contains("&lt;!channel&gt;");
            assertThat(text.split("```", -1).length % 2).as("an even number of fences in %s", text).isEqualTo(1);
            assertThat(text).endsWith("```");
        }
    }

    /** The {@code text} of every thread reply (a chat.postMessage with thread_ts) that contains {@code marker}. */
    List<String> threadTexts(String marker) {
        return slackApi.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/api/chat.postMessage"))
                .map(e -> e.getRequest().getBodyAsString()).filter(body -> body.contains("thread_ts="))
                .flatMap(body -> java.util.Arrays.stream(body.split("&")))
                .filter(param -> param.startsWith("text="))
                .map(param -> URLDecoder.decode(param.substring("text=".length()), StandardCharsets.UTF_8))
                .filter(text -> text.contains(marker)).toList();
    }

    // ---- rate limits ----

    @Test
    void holdsBackTheNextUpdateForRetryAfterWhenSlackAnswers429() throws Exception {
        slackApi.stubFor(post(urlEqualTo("/api/chat.update")).atPriority(1).withRequestBody(containing("channel=C0THROTTLE"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        slackApi.stubFor(post(urlEqualTo("/api/chat.update")).atPriority(1).withRequestBody(containing("channel=C0THROTTLE"))
                .inScenario("throttle").whenScenarioStateIs("throttled").willReturn(okJson("{\"ok\":true}")));
        DeploymentId id = idOf("t-throttled");

        slack.post(command(ALICE, "C0THROTTLE", "/deploy", "dev", "t-throttled"));
        awaitStatus(id, Status.SUCCEEDED);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(updatesOf(id)).map(b -> b.contains("*succeeded*")).orElse(false));

        List<ServeEvent> updates = slackApi.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/api/chat.update"))
                .filter(e -> decoded(e).contains(id.value())).sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(updates.getFirst().getResponse().getStatus()).isEqualTo(429);
        assertThat(updates).hasSizeGreaterThanOrEqualTo(2);
        long waited = updates.get(1).getRequest().getLoggedDate().getTime() - updates.getFirst().getRequest().getLoggedDate().getTime();
        assertThat(waited).as("milliseconds between the 429 and the next chat.update").isGreaterThanOrEqualTo(1000);
    }

    // ---- helpers ----

    String command(String user, String channel, String command, String text, String trigger) {
        return SlackSigner.form(SlackSigner.slashCommand(TEAM, user, channel, command, text, trigger, responseUrl(trigger)));
    }

    String responseUrl(String trigger) {
        return slackApi.baseUrl() + "/response/" + trigger;
    }

    static DeploymentId idOf(String trigger) {
        return DeploymentId.forRequest("slack:" + TEAM + ":" + trigger);
    }

    Deployment awaitStatus(DeploymentId id, Status status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.find(id).map(d -> d.status() == status).orElse(false));
        return registry.find(id).orElseThrow();
    }

    String awaitReply(String trigger) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !replies(trigger).isEmpty());
        return replies(trigger).getFirst();
    }

    List<String> replies(String trigger) {
        return slackApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/response/" + trigger))).stream()
                .map(r -> r.getBodyAsString()).toList();
    }

    /** The live message's first posts (not thread replies) that show deployment {@code id}. */
    List<ServeEvent> postsOf(DeploymentId id) {
        return slackApi.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/api/chat.postMessage"))
                .filter(e -> decoded(e).contains(id.value()) && !decoded(e).contains("thread_ts="))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    /** The bodies of the chat.update calls for deployment {@code id} that Slack accepted, oldest first. */
    List<String> updatesOf(DeploymentId id) {
        return slackApi.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/api/chat.update"))
                .filter(e -> e.getResponse().getStatus() == 200).sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(SlackChatOpsIT::decoded).filter(b -> b.contains(id.value())).toList();
    }

    static String decoded(ServeEvent event) {
        // Gson writes < and > in the blocks as JSON escapes; Slack reads both forms alike.
        return URLDecoder.decode(event.getRequest().getBodyAsString(), StandardCharsets.UTF_8).replace("\\u003c", "<").replace("\\u003e", ">");
    }

    static String tsOf(ServeEvent post) {
        String body = post.getResponse().getBodyAsString();
        return body.replaceAll("(?s).*\"ts\":\"([^\"]+)\".*", "$1");
    }

    static <T> Optional<T> last(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }
}

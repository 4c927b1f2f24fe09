package dev.slipway.adapter.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.slack.SlackTestCore.ALICE;
import static dev.slipway.adapter.slack.SlackTestCore.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 11 items 1, 2 and 6 on the Slack endpoint, over real HTTP: oversized and malformed signed requests are 4xx in a
 * sentence, bad words and values get a warning, never a 500 or an exception's class name; hostile text never turns into
 * a mention or a link. Random and adversarial command texts come from jqwik's generators.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slipway.slack.enabled=true",
        "slipway.slack.team-id=" + TEAM,
        "slipway.slack.update-interval=50ms",
        "SLACK_BOT_TOKEN=test-bot-token",
        "SLACK_SIGNING_SECRET=" + SlackHostileIT.SECRET})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlackHostileIT {

    static final String SECRET = "test-signing-secret";
    static final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
    /** Generous: only a guard against a hang, not a claim about speed. */
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

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
    SlackSigner slack;

    @BeforeEach
    void slackAnswers() {
        slack = new SlackSigner(URI.create("http://localhost:" + port + SlackConfiguration.PATH), SECRET);
        slackApi.resetAll();
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"ts\":\"1700000000.000001\"}")));
        slackApi.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(okJson("{\"ok\":true}")));
        slackApi.stubFor(post(urlEqualTo("/api/usergroups.list")).willReturn(okJson("{\"ok\":true,\"usergroups\":[]}")));
        slackApi.stubFor(post(urlPathMatching("/response/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void refusesABodyOverItsLimitByContentLengthBeforeReadingOrCheckingTheSignature() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + SlackConfiguration.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("x=" + "a".repeat(300 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("over 262144 bytes");
    }

    @Test
    void answersBadPercentEncodingInASignedBodyWith400() throws Exception {
        HttpResponse<String> answer = slack.post(command(ALICE, "dev", "t-percent").replace("text=dev", "text=%zz%"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("not form-encoded");
    }

    @Test
    void answersASlashCommandWithoutUserIdWith400() throws Exception {
        HttpResponse<String> answer = slack.post(command(ALICE, "dev", "t-nouser").replace("user_id=" + ALICE + "&", ""));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("no user_id");
        assertThat(replies("t-nouser")).isEmpty();
    }

    @Test
    void answersAButtonWhoseValueIsNotADeploymentIdWithAWarningNotAnException() throws Exception {
        String press = SlackSigner.buttonPress(TEAM, ALICE, "C0DEPLOYS", "1700000000.000001", DeploymentMessage.APPROVE, "../../etc", "t-etc",
                responseUrl("t-etc"));

        assertThat(slack.post(press).statusCode()).isEqualTo(200);

        String reply = awaitReply("t-etc");
        assertThat(reply).contains("does not name a deployment Slipway made").doesNotContain("Exception").doesNotContain(":boom:");
    }

    @Test
    void refusesAnOverLongLockReasonAsInvalidInputAndLocksNothing() throws Exception {
        assertThat(slack.post(command(ALICE, "lock dev " + "r".repeat(600), "t-long-reason")).statusCode()).isEqualTo(200);

        String reply = awaitReply("t-long-reason");
        assertThat(reply).contains("Invalid").contains("600 characters long; at most 500").doesNotContain("Exception");
    }

    @Test
    void aLockReasonFullOfMentionsAndLinksReachesTheChannelInert() throws Exception {
        String reason = "ask S0ONCALL1 <!channel> <http://evil.example|Slack SSO> <@U0ALICE01> ```";
        assertThat(slack.post(command(ALICE, "lock dev " + reason, "t-inert")).statusCode()).isEqualTo(200);

        String reply = java.net.URLDecoder.decode(awaitReply("t-inert"), StandardCharsets.UTF_8);
        assertThat(reply).doesNotContain("<!channel>").doesNotContain("<!subteam").doesNotContain("<http").doesNotContain("<@U0ALICE01>")
                .doesNotContain("```");
        slack.post(command(ALICE, "unlock dev", "t-inert-unlock"));
        awaitReply("t-inert-unlock");
    }

    /** jqwik's generators feed random and adversarial words to the real endpoint: a 2xx or 4xx, never 5xx, never a class name. */
    @Test
    void anyCommandTextIsAnsweredWithoutA5xxOrAnExceptionName() {
        Arbitrary<String> pieces = Arbitraries.of("dev", "prod", "lock", "unlock", "status", "plan", "--service", "--bump", "hello$(id)", ";", "a;b=c",
                "<!channel>", "```", "\u202E", "\u0000", "%", "%zz", "&", "=", "--service=", "x".repeat(300), "S0ONCALL1", "../../etc", "\n");
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(120), pieces.list().ofMaxSize(8).map(w -> String.join(" ", w)));
        Arbitrary<String> commands = Arbitraries.of("/deploy", "/rollback", "/promote", "/deployments", "/nope", "deploy");
        List<String> sampled = texts.sampleStream().limit(60).toList();
        int i = 0;
        for (String text : sampled) {
            String trigger = "t-fuzz-" + i++;
            String commandName = commands.sample();
            Map<String, String> fields = SlackSigner.slashCommand(TEAM, ALICE, "C0DEPLOYS", commandName, text, trigger, responseUrl(trigger));
            HttpResponse<String> answer = assertTimeoutPreemptively(HANG_GUARD, () -> slack.post(SlackSigner.form(fields)));
            assertThat(answer.statusCode()).as("%s %s", commandName, text).isLessThan(500);
            assertThat(answer.body()).doesNotContain("Exception");
        }
        assertThat(slackApi.findAll(postRequestedFor(urlPathMatching("/response/t-fuzz-.*")))).allSatisfy(r ->
                assertThat(r.getBodyAsString()).doesNotContain("Exception").doesNotContain(":boom:"));
        // Every lock the fuzz managed to take is let go, so later tests start from a free environment.
        for (String environment : List.of("dev", "prod")) {
            try {
                slack.post(command(ALICE, "unlock " + environment, "t-fuzz-unlock-" + environment));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    // ---- helpers ----

    String command(String user, String text, String trigger) {
        return SlackSigner.form(SlackSigner.slashCommand(TEAM, user, "C0DEPLOYS", "/deploy", text, trigger, responseUrl(trigger)));
    }

    String responseUrl(String trigger) {
        return slackApi.baseUrl() + "/response/" + trigger;
    }

    String awaitReply(String trigger) {
        await().atMost(HANG_GUARD).until(() -> !replies(trigger).isEmpty());
        return replies(trigger).getFirst();
    }

    List<String> replies(String trigger) {
        return slackApi.findAll(postRequestedFor(urlEqualTo("/response/" + trigger))).stream().map(r -> r.getBodyAsString()).toList();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}

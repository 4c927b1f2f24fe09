package dev.slipway.adapter.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.slipway.adapter.http.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 11 over real HTTP, one test per finding (items 1, 4, 5's actuator half lives in bootstrap, 6, 7, 9's logging),
 * and jqwik's generators fuzzing the API's request bodies and the webhook's payload reader: always a 2xx or 4xx with a
 * sentence, never a 5xx, a hang, or an exception's class name.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestSlipway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsIT {

    /** Generous: only a guard against a hang, not a claim about speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    TestHttp http() {
        return new TestHttp(port);
    }

    // ---- 1. size limits ----

    @Test
    void refusesAnApiBodyOverItsLimitWith413BeforeAnythingRuns() {
        HttpResponse<String> huge = http().post("/api/deployments", TestSlipway.ALICE_TOKEN,
                "{\"service\":\"web\",\"environment\":\"dev\",\"name\":\"" + "n".repeat(10 * 1024 * 1024) + "\"}");

        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).path("detail").asString()).contains("over the 64 KiB this endpoint takes");
    }

    @Test
    void refusesNamesSummariesAndReasonsOverTheirLimitsWith400() {
        HttpResponse<String> name = http().post("/api/deployments", TestSlipway.ALICE_TOKEN,
                "{\"service\":\"web\",\"environment\":\"dev\",\"name\":\"" + "n".repeat(201) + "\"}");
        HttpResponse<String> summary = http().post("/api/deployments", TestSlipway.ALICE_TOKEN,
                "{\"service\":\"web\",\"environment\":\"dev\",\"summary\":\"" + "s".repeat(4001) + "\"}");
        HttpResponse<String> control = http().post("/api/deployments", TestSlipway.ALICE_TOKEN,
                "{\"service\":\"web\",\"environment\":\"dev\",\"name\":\"a\\u001b[2Jb\"}");
        HttpResponse<String> reason = http().post("/api/environments/web/dev/lock", TestSlipway.ALICE_TOKEN, "{\"reason\":\"" + "r".repeat(501) + "\"}");

        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(json(name).path("detail").asString()).contains("the name is 201 characters long; at most 200 are allowed");
        assertThat(summary.statusCode()).isEqualTo(400);
        assertThat(json(summary).path("detail").asString()).contains("the summary is 4001 characters long; at most 4000");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(json(control).path("detail").asString()).contains("control character");
        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(json(reason).path("detail").asString()).contains("the lock's reason is 501 characters long; at most 500");
    }

    @Test
    void refusesAnUnsignedWebhookOverItsLimitByContentLengthAndWhileReading(CapturedOutput log) {
        HttpResponse<String> declared = http().send(http().request("/webhooks/github", null).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[26 * 1024 * 1024])).build());
        // No Content-Length: a webhook must declare its length.
        HttpResponse<String> streamed = http().send(http().request("/webhooks/github", null).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(26L * 1024 * 1024))).build());

        // An API body without Content-Length is counted while it is read.
        HttpResponse<String> apiStreamed = http().send(http().request("/api/deployments", TestSlipway.ALICE_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(1024 * 1024))).build());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).path("detail").asString()).contains("over the 25 MiB this endpoint takes");
        assertThat(streamed.statusCode()).isEqualTo(411);
        assertThat(apiStreamed.statusCode()).isEqualTo(413);
        assertThat(json(apiStreamed).path("detail").asString()).contains("over the 64 KiB this endpoint takes");
        assertThat(log.getOut() + log.getErr()).contains("refused POST /webhooks/github");
    }

    // ---- 4. routing, callers, forwarded headers, sign-in ----

    @Test
    void refusesPathParametersAndEncodedSlashesOutright() {
        String cookie = signIn();
        HttpResponse<String> parameters = http().send(http().request("/api;x=y/environments/web/dev/lock", null).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"sneaky\"}")).build());
        HttpResponse<String> slash = http().send(http().request("/api%2Fservices", TestSlipway.ALICE_TOKEN).GET().build());

        assertThat(parameters.statusCode()).isEqualTo(400);
        assertThat(parameters.body()).contains("path parameters (;) and encoded slashes are not accepted");
        assertThat(slash.statusCode()).isIn(400, 404);
        assertThat(http().get("/api/environments", TestSlipway.ALICE_TOKEN).body()).doesNotContain("sneaky");
    }

    @Test
    void theApiTakesBearerTokensOnlyNeverTheDashboardsCookieOrTheProxysHeader() {
        String cookie = signIn();

        HttpResponse<String> withCookie = http().send(http().request("/api/services", null).header("Cookie", cookie).GET().build());
        HttpResponse<String> changeWithCookie = http().send(http().request("/api/environments/web/dev/lock", null).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"cookie\"}")).build());
        HttpResponse<String> withProxyHeader = http().send(http().request("/api/services", null).header("X-Forwarded-User", "alice").GET().build());

        assertThat(withCookie.statusCode()).isEqualTo(401);
        assertThat(changeWithCookie.statusCode()).isEqualTo(401);
        assertThat(withProxyHeader.statusCode()).isEqualTo(401);
    }

    @Test
    void xForwardedHostFromAnUntrustedAddressDoesNotSatisfyTheOriginCheck() {
        String cookie = signIn();
        String csrf = csrf(cookie);

        HttpResponse<String> forged = http().send(http().request("/signout", null).header("Cookie", cookie).header("Origin", "http://evil.example")
                .header("X-Forwarded-Host", "evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build());
        HttpResponse<String> same = http().send(http().request("/signout", null).header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(same.statusCode()).isEqualTo(303);
    }

    @Test
    void aSignInFromAnotherOriginIsRefused() {
        HttpResponse<String> foreign = http().send(http().request("/signin", null).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TestSlipway.ALICE_TOKEN)).build());

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
    }

    // ---- 6. errors ----

    @Test
    void getErrorIsANotFoundWithASentence() {
        HttpResponse<String> error = http().get("/error", null);

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(json(error).path("detail").asString()).contains("there is nothing at this path");
        assertThat(error.body()).doesNotContain("999").doesNotContain("Exception");
    }

    // ---- 7. durations ----

    @Test
    void refusesNegativeIsoAndUnboundedDurations() {
        for (String body : List.of("{\"service\":\"web\",\"environment\":\"dev\",\"timeout\":\"-10s\"}",
                "{\"service\":\"web\",\"environment\":\"dev\",\"lockWait\":\"PT9999999999H\"}",
                "{\"service\":\"web\",\"environment\":\"dev\",\"lockWait\":\"25h\"}",
                "{\"service\":\"web\",\"environment\":\"dev\",\"timeout\":\"0\"}")) {
            HttpResponse<String> answer = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(json(answer).path("detail").asString()).as(body).containsAnyOf("is not a duration", "it must be from");
        }
        HttpResponse<String> tooLong = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"web\",\"environment\":\"dev\",\"lockWait\":\"25h\"}");
        assertThat(json(tooLong).path("detail").asString()).contains("lockWait is 1d1h; it must be from 0 to 1d");
    }

    // ---- 9. failed authentication and bad signatures are logged, never the secret ----

    @Test
    void logsFailedAuthenticationAndBadSignaturesWithoutTheSecrets(CapturedOutput log) {
        http().get("/api/services", "wrong-token-4242");
        http().send(http().request("/webhooks/github", null).header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        String logged = log.getOut() + log.getErr();
        assertThat(logged).contains("refused GET /api/services from 127.0.0.1: an unknown bearer token")
                .contains("refused a GitHub delivery").contains("the signature does not match the body")
                .doesNotContain("wrong-token-4242").doesNotContain(TestSlipway.WEBHOOK_SECRET);
    }

    // ---- fuzzing ----

    @Test
    void anyApiRequestBodyIsAnsweredWithoutA5xxOrAnExceptionName() {
        List<String> paths = List.of("/api/deployments", "/api/environments/nosuch/dev/lock", "/api/environments/nosuch/dev/rollback", "/api/promotions",
                "/api/deployments/0123456789ab/approve", "/api/deployments/0123456789ab/reject");
        for (String body : apiBodies().sampleStream().limit(150).toList()) {
            for (String path : List.of(paths.get(Math.floorMod(body.hashCode(), paths.size())))) {
                HttpResponse<String> answer = assertTimeoutPreemptively(HANG_GUARD, () -> http().post(path, TestSlipway.ALICE_TOKEN, body));
                assertThat(answer.statusCode()).as("%s %s", path, abbreviated(body)).isBetween(200, 499);
                assertThat(answer.body()).as(abbreviated(body)).doesNotContain("Exception").doesNotContain("java.");
            }
        }
    }

    @Test
    void anySignedWebhookPayloadIsAnsweredWithoutA5xxOrAnExceptionName() {
        for (String body : webhookBodies().sampleStream().limit(150).toList()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature = "sha256=" + HexFormat.of().formatHex(Callers.mac(TestSlipway.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), bytes));
            HttpResponse<String> answer = assertTimeoutPreemptively(HANG_GUARD, () -> http().send(http().request("/webhooks/github", null)
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build()));
            assertThat(answer.statusCode()).as(abbreviated(body)).isBetween(200, 499);
            assertThat(answer.body()).as(abbreviated(body)).doesNotContain("Exception").doesNotContain("java.");
        }
    }

    static Arbitrary<String> adversarial() {
        return Arbitraries.oneOf(
                Arbitraries.of("dev", "web", "nosuch", "", " ", "hello$(id)", "a;b=c", "<!channel>", "```", "\u202Eved", "\u0000", "\\u0000", "PT5S",
                        "-10s", "1h30m", "99999999999d", "../../etc", "%2F", "null", "0", "1e309"),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10),
                Arbitraries.integers().between(1, 60_000).map("x"::repeat));
    }

    static Arbitrary<String> apiBodies() {
        Arbitrary<String> field = Arbitraries.of("service", "environment", "version", "bump", "name", "summary", "lockWait", "timeout", "from", "to",
                "reason", "comment", "\u0000", "__proto__");
        Arbitrary<String> pair = net.jqwik.api.Combinators.combine(field, adversarial()).as((k, v) -> quote(k) + ":" + quote(v));
        return Arbitraries.oneOf(
                pair.list().ofMaxSize(6).map(pairs -> "{" + String.join(",", pairs) + "}").map(b -> b.replace("\"environment\":\"dev\"", "\"environment\":\"nosuch\"")),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.integers().between(1, 100_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 20_000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
                Arbitraries.of("", "null", "[]", "\"dev\"", "{\"environment\":null}", "{\"environment\":{}}", "{\"environment\":[1,2]}", "{\"lockWait\":5}"));
    }

    static Arbitrary<String> webhookBodies() {
        Arbitrary<String> push = net.jqwik.api.Combinators.combine(adversarial(), adversarial(), adversarial()).as((ref, repo, login) ->
                "{\"ref\":%s,\"repository\":{\"full_name\":%s},\"sender\":{\"login\":%s}}".formatted(quote(ref), quote("acme/" + repo), quote(login)));
        return Arbitraries.oneOf(push, Arbitraries.strings().ofMaxLength(300),
                Arbitraries.integers().between(1, 100_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.of("", "null", "{}", "{\"ref\":{}}", "{\"repository\":[]}", "{\"deleted\":\"yes\"}"));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append("\\u%04x".formatted((int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    // ---- helpers ----

    private String signIn() {
        HttpResponse<String> signedIn = http().send(http().request("/signin", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TestSlipway.ALICE_TOKEN)).build());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private String csrf(String cookie) {
        String page = http().send(http().request("/", null).header("Cookie", cookie).GET().build()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the overview carries the session's CSRF token").isTrue();
        return csrf.group(1).replace("&#x3D;", "=").replace("&#61;", "=");
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                if (left <= 0) return -1;
                left--;
                return '0';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) '0');
                left -= n;
                return n;
            }
        };
    }

    private static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " chars)" : text;
    }

    static URI unused() {
        return URI.create("http://127.0.0.1");
    }

    static InputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }
}

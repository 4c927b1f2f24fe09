package dev.slipway.adapter.slack;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The shape check of a signed Slack body and the slash command parser, over random and adversarial input (issue 11, item 6). */
class SlackPayloadsTest {

    /** Generous: only a guard against a hang, not a claim about speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @Test
    void saysWhatIsWrongWithAMalformedBody() {
        assertThat(SlackPayloads.malformed("command=%2Fdeploy&text=%zz&user_id=U1&team_id=T1")).contains("the body is not form-encoded: a '%' is not followed by two hex digits");
        assertThat(SlackPayloads.malformed("command=%2Fdeploy&text=dev&team_id=T1")).contains("the slash command has no user_id, so Slipway cannot tell who asked");
        assertThat(SlackPayloads.malformed("payload=" + URLEncoder.encode("{\"type\":\"block_actions\"}", StandardCharsets.UTF_8)))
                .contains("the interaction payload names no user, so Slipway cannot tell who acted");
        assertThat(SlackPayloads.malformed("payload=%7Bnot")).contains("the interaction payload is not JSON");
        assertThat(SlackPayloads.malformed("command=%2Fdeploy&text=dev&user_id=U1&team_id=T1")).isEmpty();
    }

    @Property(tries = 1000)
    void anyBodyIsAcceptedOrRefusedInASentence(@ForAll("bodies") String body) {
        Optional<String> problem = assertTimeoutPreemptively(HANG_GUARD, () -> SlackPayloads.malformed(body));
        problem.ifPresent(p -> assertThat(p).isNotBlank().doesNotContain("Exception"));
    }

    @Property(tries = 1000)
    void anyCommandTextParsesIntoACommandOrAUsageSentence(@ForAll("commands") String command, @ForAll("texts") String text) {
        ChatCommand parsed = assertTimeoutPreemptively(HANG_GUARD, () -> ChatCommand.parse(command, text));
        if (parsed instanceof ChatCommand.Usage usage) assertThat(usage.problem()).isNotBlank().doesNotContain("Exception");
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("%=&+azAZ09{}[]\":,").ofMaxLength(200),
                texts().map(t -> "payload=" + URLEncoder.encode(t, StandardCharsets.UTF_8)),
                Arbitraries.integers().between(1, 50_000).map(n -> "payload=" + "%5B".repeat(n)),
                texts().map(t -> "command=%2Fdeploy&user_id=U1&team_id=T1&text=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.oneOf(Arbitraries.of("/deploy", "/rollback", "/promote", "/deployments", "/DEPLOY", "deploy", ""), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("dev", "prod", "lock", "unlock", "plan", "status", "help", "--service", "--bump", "--bump=major",
                "--service=", "hello$(id)", ";", "<!channel>", "```", "\u202E", "\u0000", "\n", "\"", "'", "S0ONCALL1", "../../etc", "x".repeat(5000));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), pieces.list().ofMaxSize(10).map(w -> String.join(" ", w)));
    }
}

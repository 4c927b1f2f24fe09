package dev.slipway.adapter.slack;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class SlackRequestSignatureTest {

    // Slack's worked example from "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack).
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
            + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
            + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackRequestSignature at(long epochSecond) {
        return new SlackRequestSignature(SECRET, InstantSource.fixed(Instant.ofEpochSecond(epochSecond)));
    }

    @Test
    void signsSlacksWorkedExampleAsSlackDoes() {
        assertThat(at(1531420618).sign(TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsSlacksWorkedExampleWithinTheWindow() {
        assertThat(at(1531420618 + 299).verify(TIMESTAMP, EXPECTED, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SlackRequestSignature.Verdict.VALID);
    }

    @Test
    void refusesTheSameRequestSignedMoreThanFiveMinutesAgo() {
        assertThat(at(1531420618 + 301).verify(TIMESTAMP, EXPECTED, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SlackRequestSignature.Verdict.STALE);
        assertThat(at(1531420618 - 301).verify(TIMESTAMP, EXPECTED, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SlackRequestSignature.Verdict.STALE);
    }

    @Test
    void refusesABodyChangedByOneCharacter() {
        byte[] tampered = BODY.replace("text=", "text=x").getBytes(StandardCharsets.UTF_8);
        assertThat(at(1531420618).verify(TIMESTAMP, EXPECTED, tampered)).isEqualTo(SlackRequestSignature.Verdict.FORGED);
    }

    @Test
    void refusesAnotherSecretsSignatureAndMissingHeaders() {
        String other = new SlackRequestSignature("another-secret", InstantSource.fixed(Instant.ofEpochSecond(1531420618)))
                .sign(TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(at(1531420618).verify(TIMESTAMP, other, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SlackRequestSignature.Verdict.FORGED);
        assertThat(at(1531420618).verify(null, EXPECTED, new byte[0])).isEqualTo(SlackRequestSignature.Verdict.MISSING);
        assertThat(at(1531420618).verify("soon", EXPECTED, new byte[0])).isEqualTo(SlackRequestSignature.Verdict.MISSING);
        assertThat(at(1531420618).verify(TIMESTAMP, "", new byte[0])).isEqualTo(SlackRequestSignature.Verdict.MISSING);
    }

    @Test
    void remembersASignatureOnlyOnce() {
        SeenSignatures seen = new SeenSignatures(InstantSource.fixed(Instant.ofEpochSecond(1531420618)));
        assertThat(seen.firstTime(EXPECTED)).isTrue();
        assertThat(seen.firstTime(EXPECTED)).isFalse();
    }
}

package dev.slipway.adapter.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubSignatureTest {

    /** GitHub's own example from "Validating webhook deliveries". */
    static final String EXAMPLE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsGitHubsDocumentedExample() {
        assertThat(new GitHubSignature("It's a Secret to Everybody").verifies(HELLO, EXAMPLE)).isTrue();
    }

    @Test
    void refusesTheExampleUnderAnotherSecretOrBody() {
        assertThat(new GitHubSignature("another secret").verifies(HELLO, EXAMPLE)).isFalse();
        assertThat(new GitHubSignature("It's a Secret to Everybody").verifies("Hello, World?".getBytes(StandardCharsets.UTF_8), EXAMPLE)).isFalse();
    }

    @Test
    void refusesAMissingOrMalformedHeaderAndVerifiesNothingWithoutASecret() {
        GitHubSignature signature = new GitHubSignature("It's a Secret to Everybody");
        assertThat(signature.verifies(HELLO, null)).isFalse();
        assertThat(signature.verifies(HELLO, EXAMPLE.substring("sha256=".length()))).isFalse();
        assertThat(signature.verifies(HELLO, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d")).isFalse();
        assertThat(new GitHubSignature(null).verifies(HELLO, EXAMPLE)).isFalse();
    }
}

package dev.slipway.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessOwnerTest {

    @Test
    void namesTheHostAndPidAndTellsTwoOwnersOfOneProcessApart() {
        String first = ProcessOwner.name();
        String second = ProcessOwner.name();

        assertThat(first).contains(":" + ProcessHandle.current().pid() + ":").doesNotStartWith(":");
        assertThat(first).isNotEqualTo(second);
    }
}

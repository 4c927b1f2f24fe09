package dev.slipway.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class AotTrainingTest {

    @Test
    void runsEveryTrainingCommandToItsExpectedEnd() throws IOException {
        assertThat(AotTraining.train()).as("training commands that failed (their messages are on stderr)").isZero();
    }
}

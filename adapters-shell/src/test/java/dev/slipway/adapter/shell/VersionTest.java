package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {

    private final Harness slipway = new Harness();

    @Test
    void printsTheVersionAndTheCommitTheBuildWroteDown() {
        Run run = slipway.run("--version");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).matches("slipway \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown), built \\S+\\)\\n");
    }

    @Test
    void saysUnknownForWhatABuildCouldNotTell() {
        SlipwayVersion version = new SlipwayVersion("0.1.0", "${slipway.commit}", null);

        assertThat(version.line()).isEqualTo("slipway 0.1.0 (commit unknown, built unknown)");
    }

    @Test
    void listsGlobalOptionsExamplesAndExitCodesInTheOverview() {
        Run run = slipway.run("--help");

        assertThat(run.out()).contains("GLOBAL OPTIONS", "--config PATH", "--verbose", "--version", "EXAMPLES", "slipway deploy dev",
                "EXIT CODES", "6  timed out waiting");
    }

    @Test
    void listsTheGlobalOptionsInEachCommandsHelp() {
        Run run = slipway.run("status", "--help");

        assertThat(run.out()).contains("GLOBAL OPTIONS", "--config PATH", "--verbose", "EXAMPLES", "EXIT CODES");
    }
}

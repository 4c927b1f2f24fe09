package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer's first hour, through the real jar: `slipway init`, help in every mode, configuration mistakes explained. */
class FirstHourIT {

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void initWritesAConfigurationFromTheExistingTagsWhosePlanProposesTheNextVersion() throws IOException {
        workspace.tag("0.1.28-dev").commit("NOTES.md", "more\n", "Another change").tag("0.1.29-dev");
        Path config = workspace.repository().resolve("slipway.yml");

        Run init = workspace.slipwayWith(config, "alice", "init", "--yes", "--port", Integer.toString(Workspace.freePortPair()));

        assertThat(init.exit()).as(init.toString()).isZero();
        String written = Files.readString(config);
        assertThat(written).contains("tag: \"{version}-dev\"").contains("branch: dev").contains("command: \"python3 app.py\"")
                .contains("path: /health").contains("repository: .").contains("# next: 0.1.30-dev");
        assertThat(init.out()).as(init.toString()).contains("2 following \"{version}-dev\", latest 0.1.29-dev")
                .contains("plan: deploy hello-service 0.1.30-dev to dev").contains("next: review slipway.yml");

        Run plan = workspace.slipwayWith(config, "alice", "plan", "dev");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("0.1.30-dev");

        Run again = workspace.slipwayWith(config, "alice", "init", "--yes");
        assertThat(again.exit()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(config)).isEqualTo(written);
    }

    @Test
    void initTakesAnAnswerForEachQuestionAndRefusesAnInvalidOne() throws IOException {
        Path config = workspace.repository().resolve("slipway.yml");

        Run bad = workspace.slipwayWith(config, "alice", "init", "--yes", "--tag", "release");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--tag").contains("{version}").contains("slipway init --help");
        assertThat(config).doesNotExist();

        Run init = workspace.slipwayWith(config, "alice", "init", "--yes", "--service", "greeter", "--environment", "staging",
                "--tag", "v{version}", "--port", Integer.toString(Workspace.freePortPair()));
        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(Files.readString(config)).contains("greeter:").contains("staging:").contains("tag: \"v{version}\"")
                .contains("branch: dev");
        assertThat(init.out()).contains("plan: deploy greeter v0.1.0 to staging");
    }

    @Test
    void withoutAConfigurationTheMessageNamesSlipwayInit() throws IOException {
        Files.deleteIfExists(workspace.root().resolve("slipway.yml"));

        Run status = workspace.slipway("alice", "status");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.out()).isEmpty();
        assertThat(status.err()).contains("no configuration file").contains("slipway init").doesNotContain("examples/hello-service");
    }

    @Test
    void everyModeAnswersHelpWithExitZero() {
        for (String mode : new String[] {"shell", "demo", "serve", "init", "deploy"}) {
            Run help = workspace.slipway("alice", mode, "--help");
            assertThat(help.exit()).as(help.toString()).isZero();
            assertThat(help.out()).as(help.toString()).containsIgnoringCase("usage");
        }
    }

    @Test
    void pointsAtTheLineAndColumnOfAnUnquotedPlaceholderAndSaysHowToQuoteIt() {
        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: {version}-dev
                          target: { type: local, command: "python3 app.py", port: 18080 }
                """);

        Run status = workspace.slipway("alice", "status");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).as(status.toString()).contains("slipway.yml").contains("line 8, column 16")
                .contains("tag: \"{version}-dev\"").contains("next: ").doesNotContain("Exception");
    }
}

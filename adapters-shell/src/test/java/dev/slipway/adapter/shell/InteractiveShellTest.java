package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.domain.deployment.FrontEnd;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class InteractiveShellTest {

    private final Harness slipway = new Harness();

    private String type(String lines) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), screen,
                StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(160, 40));
            int exit = new InteractiveShell(slipway.session, slipway.registry, slipway.parser).run(terminal, Optional.empty());
            assertThat(exit).isZero();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsCommandsTypedAtThePromptUntilQuit() throws Exception {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(QueryCommandsTest.devRunning())));

        String screen = type("status\nquit\n");

        assertThat(screen).contains("slipway:> ").contains("Service | Env | Running    | Since            | By | Process | Health  | Lock | Drift")
                .contains("hello   | dev | 0.1.31-dev | 2026-11-24 09:00 | ci | up      | healthy | -    | -");
    }

    @Test
    void asksForConfirmationBeforeDeployingToAnEnvironmentThatWantsItAndDeploysOnlyOnYes() throws Exception {
        slipway.ports.answering(new Succeeded(aDeployment().to("prod").of("v0.1.31", "0.1.31").succeeded()));

        String screen = type("deploy prod\nn\ndeploy prod --summary \"hot fix\"\ny\nquit\n");

        assertThat(screen).contains("deploy: prod asks for confirmation. Go ahead? [y/N] ")
                .contains("cancelled: nothing was done to prod").doesNotContain("to unblock")
                .contains("hello v0.1.31 on prod: deploy a1b2c3d4e5f6 succeeded");
        assertThat(slipway.ports.requests).hasSize(1);
        DeployCommand asked = slipway.ports.last(DeployCommand.class);
        assertThat(asked.summary()).contains("hot fix");
        assertThat(asked.actor().via()).isEqualTo(FrontEnd.SHELL);
        assertThat(asked.actor().id()).isEqualTo("ci-bot");
    }

    @Test
    void showsAUsageErrorAndKeepsGoing() throws Exception {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(QueryCommandsTest.devRunning())));

        String screen = type("deploy --lock-wait soon\nstatus\nexit\n");

        assertThat(screen).contains("error: --lock-wait: 'soon' is not a duration").contains("\nusage: deploy ENV [--version V]")
                .contains("run `deploy --help`").doesNotContain("Error while executing command")
                .contains("hello   | dev | 0.1.31-dev");
    }

    @Test
    void answersAnUnknownCommandWithWhatWasProbablyMeant() throws Exception {
        String screen = type("deplyo dev\nstatsu\nquit\n");

        assertThat(screen).contains("unknown command 'deplyo'; did you mean deploy?").contains("unknown command 'statsu'; did you mean status?")
                .doesNotContain("not found");
        assertThat(slipway.ports.requests).isEmpty();
    }

    @Test
    void leavesOnEndOfInput() throws Exception {
        String screen = type("help\n");

        assertThat(screen).contains("COMMANDS").contains("  deploy ENV [--version V]").contains("  quit\n");
    }
}

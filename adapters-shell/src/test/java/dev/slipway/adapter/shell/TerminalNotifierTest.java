package dev.slipway.adapter.shell;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.DeploymentEvent.DeploymentFinished;
import dev.slipway.domain.deployment.DeploymentEvent.DeploymentStarted;
import dev.slipway.domain.deployment.DeploymentEvent.StepFinished;
import dev.slipway.domain.deployment.DeploymentEvent.StepProgressed;
import dev.slipway.domain.deployment.DeploymentEvent.StepStarted;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class TerminalNotifierTest {

    private final ShellSession session = new ShellSession(Map.<String, String>of()::get, "operator", ZoneOffset.UTC);
    private final TerminalNotifier notifier = new TerminalNotifier(session);

    /** The events of hello 0.1.31-dev going to dev: started, roll-out started, progressed, finished, done. */
    static List<DeploymentEvent> aSucceededRollOut() {
        Deployment running = aDeployment().running();
        Deployment done = aDeployment().succeeded();
        return List.of(new DeploymentStarted(aDeployment().planned().start("test", Fixtures.T0)),
                new StepStarted(running, "roll-out"),
                new StepProgressed(running, "roll-out", "waiting for the health check", 0.5),
                new StepFinished(done, done.step("roll-out").orElseThrow()),
                new DeploymentFinished(done));
    }

    @Test
    void writesOneLinePerStepEventOnTheErrorStreamWhenHeadless() {
        StringWriter err = new StringWriter();
        session.headless(new PrintWriter(err), StandardCharsets.UTF_8);

        aSucceededRollOut().forEach(notifier::publish);

        assertThat(err.toString()).isEqualTo("""
                [09:00:00] deploying hello 0.1.31-dev to dev (deployment a1b2c3d4e5f6, by ci)
                [09:00:01] roll-out started
                [09:00:01]   roll-out: waiting for the health check (50%)
                [09:00:04] roll-out ✓ 0.1.31-dev runs (3.2s)
                [09:00:05] hello 0.1.31-dev on dev: succeeded (5.0s)
                """);
    }

    @Test
    void listsWhatAFinishedStepJournaledBelowItsLine() {
        StringWriter err = new StringWriter();
        session.headless(new PrintWriter(err), StandardCharsets.UTF_8);
        Deployment done = aDeployment().running().stepRemembered("roll-out", "ssm.command-id", "c-42", Fixtures.T0.plusSeconds(2))
                .stepRemembered("roll-out", "instance.i-1", "succeeded, exit 0", Fixtures.T0.plusSeconds(3))
                .stepFinished("roll-out", dev.slipway.domain.deployment.StepStatus.SUCCEEDED, "0.1.31-dev runs", Fixtures.T0.plusSeconds(4));

        notifier.publish(new StepFinished(done, done.step("roll-out").orElseThrow()));

        assertThat(err.toString()).isEqualTo("""
                [09:00:04] roll-out ✓ 0.1.31-dev runs (3.0s)
                    instance.i-1: succeeded, exit 0
                    ssm.command-id: c-42
                """);
    }

    @Test
    void writesOneJsonObjectPerEventAndLineWithProgressJson() {
        StringWriter err = new StringWriter();
        session.headless(new PrintWriter(err), StandardCharsets.UTF_8);
        session.progress(ShellSession.Progress.JSON);

        aSucceededRollOut().forEach(notifier::publish);

        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(5);
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<tools.jackson.databind.JsonNode> events = lines.stream().map(json::readTree).toList();
        assertThat(events).extracting(e -> e.get("event").asString())
                .containsExactly("deployment_started", "step_started", "step_progressed", "step_finished", "deployment_finished");
        assertThat(events).allSatisfy(e -> assertThat(e.get("deployment").asString()).isEqualTo("a1b2c3d4e5f6"));
        assertThat(events.get(2).get("message").asString()).isEqualTo("waiting for the health check");
        assertThat(events.get(2).get("fraction").asDouble()).isEqualTo(0.5);
        assertThat(events.get(3).get("step").asString()).isEqualTo("roll-out");
        assertThat(events.get(3).get("status").asString()).isEqualTo("succeeded");
        assertThat(events.get(3).get("details").isObject()).isTrue();
        assertThat(events.get(4).get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void writesWordsInsteadOfMarksWhenTheErrorStreamCannotEncodeThem() {
        StringWriter err = new StringWriter();
        session.headless(new PrintWriter(err), StandardCharsets.US_ASCII);
        Deployment failed = aDeployment().failed();

        notifier.publish(new StepFinished(failed, failed.step("roll-out").orElseThrow()));

        assertThat(err.toString()).isEqualTo("[09:00:03] roll-out FAILED the process exited with 1 (2.0s)\n");
    }

    @Test
    void listsStepsAndWhatTheyReportOnATerminalWithoutCursorControl() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = terminal("dumb", screen)) {
            session.interactive(terminal);

            aSucceededRollOut().forEach(notifier::publish);
        }

        assertThat(screen.toString(StandardCharsets.UTF_8)).isEqualTo("""
                deploying hello 0.1.31-dev to dev (deployment a1b2c3d4e5f6, by ci)
                  roll-out ...
                    waiting for the health check (50%)
                  roll-out ✓ 0.1.31-dev runs (3.2s)
                """);
    }

    @Test
    void drawsTheRunningStepInPlaceWithAProgressBarOnARealTerminal() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = terminal("xterm-256color", screen)) {
            session.interactive(terminal);
            List<DeploymentEvent> events = aSucceededRollOut();

            events.subList(0, 3).forEach(notifier::publish);
            String drawn = screen.toString(StandardCharsets.UTF_8);
            events.subList(3, 5).forEach(notifier::publish);
            String finished = screen.toString(StandardCharsets.UTF_8).substring(drawn.length());

            assertThat(drawn).contains("\r\033[2K").contains("roll-out").contains("[████████████░░░░░░░░░░░░]  50%")
                    .contains("waiting for the health check");
            assertThat(finished).contains("roll-out ✓ 0.1.31-dev runs (3.2s)").doesNotContain("░");
        }
    }

    /** A terminal that writes straight to {@code screen}, as wide as a usual window. */
    static Terminal terminal(String type, ByteArrayOutputStream screen) throws IOException {
        Terminal terminal = type.equals("dumb")
                ? new DumbTerminal("test", type, new ByteArrayInputStream(new byte[0]), screen, StandardCharsets.UTF_8)
                : new ExternalTerminal("test", type, new ByteArrayInputStream(new byte[0]), screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        return terminal;
    }
}

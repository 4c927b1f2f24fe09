package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.domain.environment.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs `slipway <command>` as bootstrap will: a Spring application of ShellConfiguration and the ports, then its exit code. */
class ShellConfigurationTest {

    /** The beans bootstrap provides: every inbound port (here one fake for all eight) and the catalog. */
    @Configuration(proxyBeanMethods = false)
    static class Ports {

        @Bean
        FakeUseCases useCases(TerminalNotifier notifier) {
            return new FakeUseCases()
                    .withStatus(new QueryOutcome.Answer<>(List.of(QueryCommandsTest.devRunning())))
                    .answering(new Succeeded(aDeployment().succeeded()))
                    .publishing(notifier, TerminalNotifierTest.aSucceededRollOut().toArray(dev.slipway.domain.deployment.DeploymentEvent[]::new));
        }

        @Bean
        Catalog catalog() {
            return Fixtures.oneService();
        }
    }

    record Ran(int exit, String out, String err) {}

    private static Ran slipway(String... arguments) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            SpringApplication application = new SpringApplication(ShellConfiguration.class, Ports.class);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setWebApplicationType(WebApplicationType.NONE);
            ConfigurableApplicationContext context = application.run(arguments);
            int exit = SpringApplication.exit(context);
            return new Ran(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void runsOneCommandHeadlessAndExitsWithItsCode() {
        Ran ran = slipway("status", "--output", "json");

        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(ran.out());
        assertThat(json.get("environments").get(0).get("running").asString()).isEqualTo("0.1.31-dev");
    }

    @Test
    void printsTheResultOnStdoutAndTheProgressOnStderr() {
        Ran ran = slipway("deploy", "dev");

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).startsWith("hello 0.1.31-dev on dev: deploy a1b2c3d4e5f6 succeeded in 5.0s\n");
        assertThat(ran.err()).contains("roll-out started\n").contains("] roll-out ").contains("0.1.31-dev runs (3.2s)\n");
    }

    @Test
    void exitsThreeWhenAHeadlessDeployNeedsAConfirmationItWasNotGiven() {
        Ran ran = slipway("deploy", "prod");

        assertThat(ran.exit()).isEqualTo(3);
        assertThat(ran.err()).contains("refused by confirmation");
    }

    @Test
    void exitsTwoForAnUnknownCommand() {
        Ran ran = slipway("serve-me");

        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.err()).contains("unknown command 'serve-me'");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void leavesServeToTheServer() {
        Ran ran = slipway("serve");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err()).isEmpty();
    }
}

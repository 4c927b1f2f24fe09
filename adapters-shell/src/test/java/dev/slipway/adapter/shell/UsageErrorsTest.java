package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsageErrorsTest {

    private final Harness slipway = new Harness();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deploy                          | missing ENV: the environment to deploy to
            deploy dev --lock-wait soon     | --lock-wait: 'soon' is not a duration
            deploy dev --output yaml        | --output must be text or json, not 'yaml'
            deploy dev --force              | unknown option --force
            deploy dev --version            | --version needs a value: V
            deploy dev prod                 | unexpected argument 'prod'
            deploy prdo                     | hello has no environment 'prdo'; environments: dev, prod
            deploy dev --service nope       | no service named 'nope'; known services: hello
            deploy dev --bump huge          | --bump: 'huge' is not a bump: use patch, minor or major
            deploy dev --version 0.1.2 --bump minor | give --version or --bump, not both
            history --limit 0               | --limit must be between 1 and 1000, not 0
            history --limit many            | --limit must be a number between 1 and 1000, not 'many'
            show 123                        | ID: '123' is not a deployment id
            lock prod                       | --reason is required
            promote dev dev --yes           | FROM and TO are both dev
            """)
    void exitsTwoWithTheProblemAndTheUsageLineOnStderr(String line, String problem) {
        Run run = slipway.run(line.split(" "));

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + problem).contains("usage: slipway " + line.split(" ")[0] + " ");
        assertThat(run.out()).isEmpty();
        assertThat(slipway.ports.requests).isEmpty();
    }

    @Test
    void exitsTwoForAnUnknownCommandAndListsTheCommands() {
        Run run = slipway.run("depoy", "dev");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: unknown command 'depoy'; did you mean deploy?")
                .contains("slipway deploy ENV [--version V]").contains("EXIT CODES");
    }

    @Test
    void exitsTwoWhenNoCommandIsGiven() {
        Run run = slipway.run();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: no command given").contains("usage: slipway <command>");
    }

    @Test
    void asksForTheServiceWhenSeveralAreConfiguredAndTheEnvironmentNeedsConfirmation() {
        Harness two = new Harness(Fixtures.twoServices(), Map.of("SLIPWAY_ACTOR", "ci"));

        Run run = two.run("deploy", "prod");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("several services are configured").contains("name one with --service");
    }

    @Test
    void answersAUsageErrorAsAJsonDocumentTooWhenJsonWasAskedFor() {
        Run run = slipway.run("deploy", "--output", "json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().get("outcome").asString()).isEqualTo("invalid");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.json().get("next").asString()).startsWith("usage: slipway deploy ENV");
        assertThat(run.err()).contains("missing ENV");
    }

    @Test
    void answersAnUnknownCommandAndABadProgressFormatAsAJsonDocumentWhenJsonWasAskedFor() {
        Run unknown = slipway.run("depoy", "dev", "--output", "json");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.json().get("outcome").asString()).isEqualTo("invalid");
        assertThat(unknown.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(unknown.json().get("message").asString()).isEqualTo("unknown command 'depoy'; did you mean deploy?");

        Run progress = slipway.run("deploy", "dev", "--progress", "loud", "--output", "json");

        assertThat(progress.exit()).isEqualTo(2);
        assertThat(progress.json().get("message").asString()).isEqualTo("--progress must be plain or json, not 'loud'");
        assertThat(slipway.ports.requests).isEmpty();
    }

    @Test
    void refusesAnActorNameThatIsNotPrintable() {
        Harness bad = new Harness(Fixtures.oneService(), Map.of("SLIPWAY_ACTOR", "ci\u0007bot"));

        Run run = bad.run("deploy", "dev");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("SLIPWAY_ACTOR or the user name cannot name an actor");
    }

    @Test
    void showsEachCommandsOptionsExamplesJsonFieldsAndExitCodesOnHelp() {
        Run run = slipway.run("deploy", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("deploy - Deploy a service's branch head")
                .contains("USAGE\n  slipway deploy ENV [--version V] [--bump patch|minor|major] [--service S] [--allow-dirty] [--allow-older] [--redeploy]"
                        + " [--name N] [--summary S] [--plan] [--lock-wait D] [--timeout D] [--yes] [--output text|json]")
                .contains("  --allow-dirty ", "  --allow-older ", "  --redeploy ")
                .contains("  --lock-wait D         how long to wait for a held lock, such as 30s or 10m (default 0: refuse at once)")
                .contains("EXAMPLES\n  slipway deploy dev\n")
                .contains("JSON OUTPUT (--output json)")
                .contains("restoredTag")
                .contains("EXIT CODES\n  0  succeeded\n  1  anything unexpected; for status --check, an environment that is down, unhealthy or drifting\n  2  bad input or configuration\n"
                        + "  3  refused by policy (branch, branch-not-published, uncommitted-changes, older-than-running, nothing-new, plan-changed, lock, approval, confirmation)\n"
                        + "  4  failed and the environment is as it was (nothing changed, or rolled back)\n"
                        + "  5  failed and not rolled back, the rollback failed, or this process lost its lock\n  6  timed out waiting\n");
    }

    @Test
    void answersHelpAfterOtherWordsToo() {
        Run run = slipway.run("rollback", "dev", "--to", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("rollback - ");
    }

    @Test
    void listsEveryCommandOnHelpWithoutACommand() {
        Run run = slipway.run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("slipway shell").contains("slipway deploy ENV").contains("slipway plan ENV")
                .contains("slipway rollback ENV").contains("slipway promote FROM TO").contains("slipway approve ID")
                .contains("slipway reject ID").contains("slipway status [ENV]").contains("slipway history [ENV]")
                .contains("slipway show ID").contains("slipway lock ENV --reason R").contains("slipway unlock ENV")
                .contains("EXIT CODES");
        assertThat(slipway.run("help", "promote").out()).startsWith("promote - ");
    }
}

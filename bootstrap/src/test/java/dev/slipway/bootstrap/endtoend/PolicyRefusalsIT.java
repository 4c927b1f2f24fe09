package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The policies, through the real jar: branch rule, version input, manual locks, and the four-eyes approval rule. */
class PolicyRefusalsIT {

    private Workspace workspace;
    private int devPort;
    private int prodPort;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        devPort = Workspace.freePortPair();
        prodPort = Workspace.freePortPair();
        workspace.configure("""
                slipway:
                  locks: { lease: 2s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 40, interval: 100ms }
                        prod:
                          branch: dev
                          tag: "v{version}"
                          approval: required
                          approvers: [bob]
                          approval-expires: 10m
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, timeout: 1s, attempts: 40, interval: 100ms }
                """.formatted(devPort, prodPort));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void refusesToDeployDevFromAFeatureBranchNamingTheBranchRule() {
        workspace.checkout("feature/x");

        Run run = workspace.slipway("alice", "deploy", "dev");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.all()).as(run.toString()).contains("feature/x").contains("'dev'");
        assertThat(Workspace.get(devPort, "/health")).startsWith("unreachable");
    }

    @Test
    void rejectsAVersionThatIsNotMajorMinorPatchAsBadInput() {
        Run run = workspace.slipway("alice", "deploy", "dev", "--version", "1.2");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.all()).as(run.toString()).contains("1.2");
    }

    @Test
    void refusesToDeployWhileSomeoneHoldsTheLockNamingTheHolderAndTheReason() {
        Run lock = workspace.slipway("carol", "lock", "dev", "--reason", "database migration");
        assertThat(lock.exit()).as(lock.toString()).isZero();

        Run run = workspace.slipway("alice", "deploy", "dev");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.all()).as(run.toString()).contains("carol").contains("database migration");
    }

    @Test
    void letsOnlyAnotherAllowedPersonApproveADeployment() {
        Run request = workspace.slipway("alice", "deploy", "prod");
        assertThat(request.exit()).as(request.toString()).isEqualTo(3);
        assertThat(request.all()).as(request.toString()).contains("approval");
        Matcher id = Pattern.compile("slipway approve ([0-9a-f]{12})").matcher(request.all());
        assertThat(id.find()).as(request.toString()).isTrue();

        Run selfApproval = workspace.slipway("alice", "approve", id.group(1));
        assertThat(selfApproval.exit()).as(selfApproval.toString()).isEqualTo(3);
        assertThat(selfApproval.all()).as(selfApproval.toString()).contains("alice");

        Run approval = workspace.slipway("bob", "approve", id.group(1));
        assertThat(approval.exit()).as(approval.toString()).isZero();
        assertThat(Workspace.get(prodPort, "/version")).isEqualTo("v0.1.0");
    }

    @Test
    void answersHelpWhereThereIsNoConfigurationButRefusesACommandThatNeedsOne() throws Exception {
        java.nio.file.Files.delete(workspace.root().resolve("slipway.yml"));

        Run help = workspace.slipway("alice", "deploy", "--help");
        Run overview = workspace.slipway("alice", "help");
        Run status = workspace.slipway("alice", "status");

        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("USAGE").contains("--lock-wait D").contains("EXAMPLES");
        assertThat(overview.exit()).isZero();
        assertThat(overview.out()).contains("EXIT CODES").contains("slipway demo");
        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).contains("no configuration file");
        assertThat(workspace.root().resolve(".slipway")).doesNotExist();
    }
}

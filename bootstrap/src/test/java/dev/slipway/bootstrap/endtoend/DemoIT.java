package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slipway demo} from the real jar: it must go through every step, exit 0 and leave no process behind. */
class DemoIT {

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
    void walksThroughTwoDeploymentsAndARollbackAndStopsItsService() {
        // The demo's scratch directory goes under the system temp folder: point that into the workspace.
        Process demo = workspace.start("newcomer", Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + workspace.root()), "demo");
        Run run = workspace.finish(demo, "demo");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .contains("0.1.0-dev").contains("0.1.1-dev")
                .contains("/version -> 0.1.0-dev")
                .contains("went as described");
        assertThat(workspace.processesInside()).as("processes left running by the demo").isEmpty();
    }
}

package dev.slipway.application.fakes;

import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.BuildTrigger.State;
import dev.slipway.application.port.out.BuildTriggerContract;

import java.util.List;

/** The build trigger contract run against the scripted fake. */
class FakeBuildTriggerContractTest extends BuildTriggerContract {

    private final FakeBuildTrigger trigger = new FakeBuildTrigger()
            .scripts("green", new FakeBuildTrigger.Script(List.of("PROVISIONING", "BUILD", "POST_BUILD"), State.SUCCEEDED, ""))
            .scripts("red", new FakeBuildTrigger.Script(List.of("PROVISIONING", "BUILD"), State.FAILED, "BUILD: tests failed"));

    @Override
    protected BuildTrigger trigger() {
        return trigger;
    }

    @Override
    protected String succeedingProject() {
        return "green";
    }

    @Override
    protected String failingProject() {
        return "red";
    }

    @Override
    protected String endlessProject() {
        return "endless";
    }

    @Override
    protected String idleProject() {
        return "idle";
    }
}

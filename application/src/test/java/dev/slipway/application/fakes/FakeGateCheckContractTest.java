package dev.slipway.application.fakes;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.GateCheckContract;
import dev.slipway.domain.environment.Gate;

import java.util.List;

/** The gate check contract run against the fake. */
class FakeGateCheckContractTest extends GateCheckContract {

    private final FakeGateCheck check = new FakeGateCheck("cloudwatch-alarms");
    private static final Gate ALARMS = new Gate.CloudWatchAlarms(List.of("hello-5xx"));

    @Override
    protected GateCheck check() {
        return check;
    }

    @Override
    protected Gate passingGate() {
        return ALARMS;
    }

    @Override
    protected Gate failingGate() {
        check.failFrom(check.reads() + 1, "hello-5xx is ALARM");
        return ALARMS;
    }
}

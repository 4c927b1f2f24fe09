package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.GateCheckContract;
import dev.slipway.domain.environment.Gate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate check contract run against the CloudWatch alarm gate on moto_server: one alarm OK, one in ALARM. */
class CloudWatchAlarmGateCheckContractIT extends GateCheckContract {

    private static MotoServer moto;
    private static AwsClients clients;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(moto.settings());
        cloudWatch = clients.cloudWatch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloudWatch != null) cloudWatch.close();
        if (clients != null) clients.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void anAlarmThatIsQuietAndOneThatRings() throws Exception {
        moto.reset();
        for (String name : List.of("hello-quiet", "hello-5xx")) {
            cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Hello").metricName(name).statistic(Statistic.SUM)
                    .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        }
        cloudWatch.setAlarmState(r -> r.alarmName("hello-quiet").stateValue(StateValue.OK).stateReason("quiet"));
        cloudWatch.setAlarmState(r -> r.alarmName("hello-5xx").stateValue(StateValue.ALARM).stateReason("5xx above 1"));
    }

    @Override
    protected GateCheck check() {
        return new CloudWatchAlarmGateCheck(cloudWatch);
    }

    @Override
    protected Gate passingGate() {
        return new Gate.CloudWatchAlarms(List.of("hello-quiet"));
    }

    @Override
    protected Gate failingGate() {
        return new Gate.CloudWatchAlarms(List.of("hello-quiet", "hello-5xx"));
    }

    @Test
    void namesEachAlarmInAlarmAndEachAlarmThatDoesNotExist() {
        var reading = check().check(new Gate.CloudWatchAlarms(List.of("hello-quiet", "hello-5xx", "hello-typo")), step);

        assertThat(reading.passed()).isFalse();
        assertThat(reading.value()).isEqualTo("hello-5xx is ALARM (5xx above 1); hello-typo does not exist");
        assertThat(reading.threshold()).isEqualTo("no alarm in ALARM");
    }
}

package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code cloudwatch-alarms} gate: {@code DescribeAlarms} for the named alarms (100 names per call); any alarm in ALARM
 * fails it, and so does a name CloudWatch does not know, since an alarm that is not there watches nothing.
 */
public final class CloudWatchAlarmGateCheck implements GateCheck {

    static final String SYSTEM = "CloudWatch";
    private static final int NAMES_PER_CALL = 100;
    private static final String THRESHOLD = "no alarm in ALARM";

    private final CloudWatchClient cloudWatch;

    public CloudWatchAlarmGateCheck(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public String kind() {
        return "cloudwatch-alarms";
    }

    @Override
    public Reading check(Gate gate, StepContext step) {
        List<String> names = ((Gate.CloudWatchAlarms) gate).names();
        List<MetricAlarm> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i += NAMES_PER_CALL) {
            List<String> chunk = names.subList(i, Math.min(names.size(), i + NAMES_PER_CALL));
            found.addAll(AwsCall.run(SYSTEM, "describe alarms " + String.join(", ", chunk),
                    () -> cloudWatch.describeAlarmsPaginator(r -> r.alarmNames(chunk)).metricAlarms().stream().toList()));
        }
        Map<String, MetricAlarm> byName = found.stream().collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity(), (a, b) -> a));
        List<String> alarming = names.stream().filter(n -> byName.containsKey(n) && byName.get(n).stateValue() == StateValue.ALARM)
                .map(n -> "%s is ALARM%s".formatted(n, reason(byName.get(n)))).toList();
        List<String> missing = names.stream().filter(n -> !byName.containsKey(n)).map(n -> "%s does not exist".formatted(n)).toList();
        if (!alarming.isEmpty() || !missing.isEmpty()) {
            List<String> said = new ArrayList<>(alarming);
            said.addAll(missing);
            return Reading.failed(String.join("; ", said), THRESHOLD);
        }
        return Reading.passed(names.stream().map(n -> n + " is " + byName.get(n).stateValueAsString()).collect(Collectors.joining(", ")), THRESHOLD);
    }

    private static String reason(MetricAlarm alarm) {
        String reason = alarm.stateReason();
        if (reason == null || reason.isBlank()) return "";
        String line = reason.replaceAll("\\s+", " ").strip();
        return " (" + (line.length() > 160 ? line.substring(0, 160) + "..." : line) + ")";
    }
}

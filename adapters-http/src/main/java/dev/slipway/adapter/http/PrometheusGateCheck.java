package dev.slipway.adapter.http;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code prometheus} gate: an instant query ({@code GET /api/v1/query?query=...}) whose value must be at or below the
 * gate's maximum. A vector answers its largest sample; an empty answer has no value and fails, since a query that sees
 * nothing proves nothing.
 */
public final class PrometheusGateCheck implements GateCheck, AutoCloseable {

    static final String SYSTEM = "Prometheus";

    private final GateRequests requests = new GateRequests();

    @Override
    public String kind() {
        return "prometheus";
    }

    @Override
    public Reading check(Gate gate, StepContext step) {
        Gate.Prometheus prometheus = (Gate.Prometheus) gate;
        String base = prometheus.url().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(prometheus.query(), StandardCharsets.UTF_8));
        GateRequests.Answer answer = requests.get(SYSTEM, uri);
        String threshold = "<= " + number(prometheus.max());
        if (answer.status() != 200) {
            throw new OutsideSystemFailure(SYSTEM, "query " + prometheus.query(), answer.status() >= 500, "answered HTTP %d".formatted(answer.status()));
        }
        JsonNode root;
        try {
            root = requests.json(answer);
        } catch (JacksonException e) {
            throw new OutsideSystemFailure(SYSTEM, "query " + prometheus.query(), false, "the answer is not JSON");
        }
        if (!"success".equals(root.path("status").asString(""))) {
            throw new OutsideSystemFailure(SYSTEM, "query " + prometheus.query(), false, "status %s: %s".formatted(root.path("status").asString("?"), root.path("error").asString("")));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        Double value = switch (type) {
            case "scalar" -> sample(data.path("result"));
            case "vector" -> {
                Double largest = null;
                for (JsonNode series : data.path("result")) {
                    Double v = sample(series.path("value"));
                    if (v != null && (largest == null || v > largest || v.isNaN())) largest = v;
                }
                yield largest;
            }
            default -> null;
        };
        if (value == null) return Reading.failed("the query answered no value", threshold);
        if (value.isNaN() || value > prometheus.max()) return Reading.failed("the query answered " + number(value), threshold);
        return Reading.passed("the query answered " + number(value), threshold);
    }

    /** The value of a {@code [time, "value"]} pair, or null. */
    private static Double sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) return null;
        try {
            return Double.parseDouble(pair.get(1).asString(""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public void close() {
        requests.close();
    }
}

package dev.slipway.adapter.http;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code http} gate: a GET that must answer the gate's status and, with a {@code json-path} ({@code $.a.b[0]}), a JSON
 * value equal to the gate's {@code equals}. An unreachable URL fails the gate.
 */
public final class HttpGateCheck implements GateCheck, AutoCloseable {

    static final String SYSTEM = "HTTP gate";
    private static final Pattern PART = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");
    private static final int QUOTE = 80;

    private final GateRequests requests = new GateRequests();

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public Reading check(Gate gate, StepContext step) {
        Gate.Http http = (Gate.Http) gate;
        GateRequests.Answer answer = requests.get(SYSTEM, http.url());
        String threshold = "status %d%s".formatted(http.status(), http.jsonPath().map(p -> " and %s = %s".formatted(p, http.equals().orElse(""))).orElse(""));
        if (answer.status() != http.status()) return Reading.failed("status " + answer.status(), threshold);
        if (http.jsonPath().isEmpty()) return Reading.passed("status " + answer.status(), threshold);
        JsonNode node;
        try {
            node = requests.json(answer);
        } catch (JacksonException e) {
            return Reading.failed("status %d, but the body is not JSON".formatted(answer.status()), threshold);
        }
        Matcher part = PART.matcher(http.jsonPath().get().substring(1));
        while (part.find()) {
            node = part.group(1) != null ? node.path(part.group(1)) : node.path(Integer.parseInt(part.group(2)));
        }
        if (node.isMissingNode()) return Reading.failed("%s is absent".formatted(http.jsonPath().get()), threshold);
        String value = node.isValueNode() ? node.asString("") : node.toString();
        String shown = value.length() <= QUOTE ? value : value.substring(0, QUOTE) + "...";
        if (!value.equals(http.equals().orElse(""))) return Reading.failed("%s = %s".formatted(http.jsonPath().get(), shown), threshold);
        return Reading.passed("%s = %s".formatted(http.jsonPath().get(), shown), threshold);
    }

    @Override
    public void close() {
        requests.close();
    }
}

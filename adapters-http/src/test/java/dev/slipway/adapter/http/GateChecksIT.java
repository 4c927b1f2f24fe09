package dev.slipway.adapter.http;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.application.port.out.GateCheck.Reading;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prometheus and http gates against a real HTTP server answering as Prometheus's HTTP API and a readiness endpoint do. */
class GateChecksIT {

    private static final StepContext QUIET = StepContext.quiet(Instant.now().plusSeconds(60));

    private HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PrometheusGateCheck prometheus = new PrometheusGateCheck();
    private final HttpGateCheck http = new HttpGateCheck();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestURI().getQuery() != null) queries.add(exchange.getRequestURI().getQuery());
            String[] answer = answers.getOrDefault(path, new String[] {"404", "not found"});
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        prometheus.close();
        http.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void prometheusAnswers(String value) {
        answers.put("/api/v1/query", new String[] {"200", """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"job":"hello"},"value":[1765000000.1,"0.01"]},
                  {"metric":{"job":"hello-2"},"value":[1765000000.1,"%s"]}]}}""".formatted(value)});
    }

    @Test
    void aPrometheusQueryAtOrBelowItsMaximumPassesAndAboveItFailsSayingTheValueAndTheThreshold() {
        Gate.Prometheus gate = new Gate.Prometheus(base(), "sum(rate(http_requests_total{code=~\"5..\"}[1m]))", 0.05);

        prometheusAnswers("0.05");
        assertThat(prometheus.check(gate, QUIET)).isEqualTo(Reading.passed("the query answered 0.05", "<= 0.05"));
        prometheusAnswers("0.2");
        assertThat(prometheus.check(gate, QUIET)).isEqualTo(Reading.failed("the query answered 0.2", "<= 0.05"));
        assertThat(queries.getLast()).isEqualTo("query=sum(rate(http_requests_total{code=~\"5..\"}[1m]))");
    }

    @Test
    void aPrometheusQueryWithoutAnyValueFailsAndAnErrorOrAnUnreachableServerCannotBeRead() {
        Gate.Prometheus gate = new Gate.Prometheus(base(), "up", 1);
        answers.put("/api/v1/query", new String[] {"200", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"});
        assertThat(prometheus.check(gate, QUIET)).isEqualTo(Reading.failed("the query answered no value", "<= 1"));

        answers.put("/api/v1/query", new String[] {"400", "{\"status\":\"error\",\"error\":\"parse error\"}"});
        assertThatThrownBy(() -> prometheus.check(gate, QUIET)).isInstanceOf(OutsideSystemFailure.class).hasMessageContaining("HTTP 400");

        server.stop(0);
        assertThatThrownBy(() -> prometheus.check(gate, QUIET)).isInstanceOf(OutsideSystemFailure.class).hasMessageContaining("Prometheus");
    }

    @Test
    void anHttpGateChecksTheStatusAndAJsonValue() {
        Gate.Http gate = new Gate.Http(base().resolve("/ready"), 200, Optional.of("$.checks[1].state"), Optional.of("ok"));

        answers.put("/ready", new String[] {"200", "{\"checks\":[{\"state\":\"ok\"},{\"state\":\"ok\"}]}"});
        assertThat(http.check(gate, QUIET)).isEqualTo(Reading.passed("$.checks[1].state = ok", "status 200 and $.checks[1].state = ok"));
        answers.put("/ready", new String[] {"200", "{\"checks\":[{\"state\":\"ok\"},{\"state\":\"degraded\"}]}"});
        assertThat(http.check(gate, QUIET)).isEqualTo(Reading.failed("$.checks[1].state = degraded", "status 200 and $.checks[1].state = ok"));
        answers.put("/ready", new String[] {"503", "{}"});
        assertThat(http.check(gate, QUIET)).isEqualTo(Reading.failed("status 503", "status 200 and $.checks[1].state = ok"));
        answers.put("/ready", new String[] {"200", "{\"checks\":[]}"});
        assertThat(http.check(gate, QUIET).value()).isEqualTo("$.checks[1].state is absent");
    }
}

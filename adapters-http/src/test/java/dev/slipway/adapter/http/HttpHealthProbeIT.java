package dev.slipway.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.HealthProbe.Health;
import dev.slipway.application.port.out.HealthProbeContract;
import dev.slipway.application.port.out.RecordingStepContext;
import dev.slipway.domain.environment.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The health probe contract run against the JDK HTTP client and real HTTP servers on the loopback interface. */
class HttpHealthProbeIT extends HealthProbeContract {

    private final FakeClock clock = new FakeClock();
    private final HttpHealthProbe probe = new HttpHealthProbe(clock);
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopServers() {
        release.countDown();
        servers.forEach(server -> server.stop(0));
        probe.close();
    }

    @Override
    protected HealthProbe probe() {
        return probe;
    }

    @Override
    protected URI healthyEndpoint(String versionBody) {
        return serve(exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/health" -> answer(exchange, 200, "ok");
                case "/version" -> answer(exchange, 200, versionBody);
                default -> answer(exchange, 404, "no such page");
            }
        });
    }

    @Override
    protected URI endpointHealthyAfter(int failures) {
        AtomicInteger asked = new AtomicInteger();
        return serve(exchange -> answer(exchange, asked.incrementAndGet() <= failures ? 503 : 200, "starting"));
    }

    @Override
    protected URI neverHealthyEndpoint() {
        return serve(exchange -> answer(exchange, 503, "{\"status\":\"DOWN\"}"));
    }

    @Override
    protected URI refusingEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test", e);
        }
    }

    @Test
    void saysTheConnectionWasRefused() {
        Health health = probe.probe(refusingEndpoint(), check(2), step);

        assertThat(health.detail()).contains("connection refused").contains("2 attempts");
    }

    @Test
    void quotesTheLastStatusAndTheStartOfItsBody() {
        Health health = probe.probe(neverHealthyEndpoint(), check(2), step);

        assertThat(health.detail()).contains("status 503").contains("DOWN");
    }

    @Test
    void waitsBetweenAttemptsOnTheClockItIsGiven() {
        Instant before = clock.now();
        HealthCheck slowRetries = new HealthCheck("/health", Duration.ofSeconds(2), 4, Duration.ofSeconds(30), Optional.empty());

        probe.probe(neverHealthyEndpoint(), slowRetries, step);

        assertThat(clock.now()).isEqualTo(before.plus(Duration.ofSeconds(90)));
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnhealthy() {
        URI stalling = serve(exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "too late");
        });
        HealthCheck impatient = new HealthCheck("/health", Duration.ofMillis(300), 1, Duration.ZERO, Optional.empty());

        Health health = probe.probe(stalling, impatient, step);

        assertThat(health.healthy()).isFalse();
        assertThat(health.detail()).contains("no answer within 300ms");
    }

    @Test
    void readsOnlyTheStartOfAnOversizedVersionBody() {
        String huge = "9".repeat(HttpHealthProbe.VERSION_LIMIT * 64);

        Health health = probe.probe(healthyEndpoint(huge), checkWithVersion(1), step);

        assertThat(health.healthy()).isTrue();
        assertThat(health.reportedVersion()).hasValueSatisfying(version -> assertThat(version).hasSize(HttpHealthProbe.VERSION_LIMIT));
    }

    @Test
    void staysHealthyButReportsNoVersionWhenTheVersionPathFails() {
        URI noVersion = serve(exchange -> answer(exchange, exchange.getRequestURI().getPath().equals("/health") ? 200 : 404, "not here"));

        Health health = probe.probe(noVersion, checkWithVersion(1), step);

        assertThat(health.healthy()).isTrue();
        assertThat(health.reportedVersion()).isEmpty();
        assertThat(health.detail()).contains("/version").contains("status 404");
    }

    @Test
    void stopsRetryingWhenTheNextAttemptWouldPassTheDeadline() {
        RecordingStepContext hurried = new RecordingStepContext(clock.now().plusSeconds(1));
        HealthCheck slowRetries = new HealthCheck("/health", Duration.ofSeconds(2), 5, Duration.ofSeconds(10), Optional.empty());

        Health health = probe.probe(neverHealthyEndpoint(), slowRetries, hurried);

        assertThat(health.healthy()).isFalse();
        assertThat(health.attempts()).isEqualTo(1);
        assertThat(health.detail()).contains("must finish by");
    }

    @Test
    void asksForTheCheckPathUnderTheEndpoint() {
        List<String> paths = new ArrayList<>();
        URI endpoint = serve(exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            answer(exchange, 200, "ok");
        });
        HealthCheck check = new HealthCheck("/internal/health", Duration.ofSeconds(2), 1, Duration.ZERO, Optional.of("/internal/version"));

        probe.probe(URI.create(endpoint + "/"), check, step);

        assertThat(paths).containsExactly("/internal/health", "/internal/version");
    }

    private URI serve(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            servers.add(server);
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException("could not start a test server", e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package dev.slipway.bootstrap.endtoend;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An environment's bake through the real jar and real processes: a release that passes verification and goes bad a few
 * seconds later is rolled back, and so is one whose Prometheus gate (a stub answering Prometheus's HTTP API) rises above
 * its maximum during the bake; the previous release serves again.
 */
class BakeIT {

    private Workspace workspace;
    private int port;
    private HttpServer prometheus;
    private final AtomicReference<String> errorRatio = new AtomicReference<>("0");

    @BeforeEach
    void createWorkspace() throws IOException {
        workspace = Workspace.create();
        port = Workspace.freePortPair();
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            byte[] body = """
                    {"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"hello"},"value":[1765000000,"%s"]}]}}"""
                    .formatted(errorRatio.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
    }

    @AfterEach
    void removeWorkspace() {
        if (prometheus != null) prometheus.stop(0);
        if (workspace != null) workspace.close();
    }

    private void configure(String gates) {
        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 30, interval: 200ms }
                          rollback: automatic
                          bake: 10s
                %s""".formatted(port, gates));
    }

    @Test
    void rollsBackAReleaseThatTurnsUnhealthyThreeSecondsAfterItStartsDuringATenSecondBake() {
        configure("");
        Run first = workspace.slipway("alice", "deploy", "dev");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).as(first.toString()).contains("0.1.0-dev");
        workspace.commit("UNHEALTHY_AFTER", "3\n", "Go bad three seconds after start");

        Run bad = workspace.slipway("alice", "deploy", "dev");

        assertThat(bad.exit()).as(bad.toString()).isEqualTo(4);
        assertThat(bad.all()).as(bad.toString()).contains("bake failed").contains("into the bake").contains("503").contains("0.1.0-dev");
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.0-dev");
        assertThat(Workspace.get(port, "/health")).isEqualTo("ok");
        Run history = workspace.slipway("alice", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).contains("\"rolled_back\"").contains("0.1.1-dev");
    }

    @Test
    void rollsBackWhenThePrometheusGateRisesAboveItsMaximumDuringTheBakeNamingTheGate() throws Exception {
        configure("""
                          gates:
                            prometheus: { url: "http://127.0.0.1:%d", query: "sum(rate(http_5xx[1m]))", max: 0.05 }
                """.formatted(prometheus.getAddress().getPort()));
        Run first = workspace.slipway("alice", "deploy", "dev");
        assertThat(first.exit()).as(first.toString()).isZero();
        workspace.commit("NOTES", "a harmless change\n", "Change something harmless");

        Process deploying = workspace.start("alice", Map.of(), "deploy", "dev");
        awaitBakeOf("0.1.1-dev", deploying);
        errorRatio.set("0.3");
        Run bad = workspace.finish(deploying, "deploy", "dev");

        assertThat(bad.exit()).as(bad.toString()).isEqualTo(4);
        assertThat(bad.all()).as(bad.toString())
                .contains("gate prometheus sum(rate(http_5xx[1m])) <= 0.05 failed: the query answered 0.3; threshold: <= 0.05");
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.0-dev");
    }

    /** Waits until the new release serves and has passed verification: its bake has begun. */
    private void awaitBakeOf(String tag, Process process) throws InterruptedException {
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < giveUp) {
            Run history = workspace.slipway("alice", "history", "dev", "--output", "json");
            if (history.out().matches("(?s).*\"name\"\\s*:\\s*\"bake\".*") && Workspace.get(port, "/version").equals(tag)) return;
            if (!process.isAlive()) throw new AssertionError("slipway deploy ended before its bake: " + workspace.errorsSoFar(process));
            Thread.sleep(200);
        }
        throw new AssertionError("the bake did not start within a minute: " + workspace.errorsSoFar(process));
    }
}

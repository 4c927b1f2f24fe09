package dev.slipway.adapter.http;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.GateCheckContract;
import dev.slipway.domain.environment.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The gate check contract run against the Prometheus gate and a server answering Prometheus's HTTP API with 0.02. */
class PrometheusGateCheckContractIT extends GateCheckContract {

    private HttpServer server;
    private final PrometheusGateCheck check = new PrometheusGateCheck();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1765000000,\"0.02\"]}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        check.close();
    }

    @Override
    protected GateCheck check() {
        return check;
    }

    @Override
    protected Gate passingGate() {
        return new Gate.Prometheus(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "error_ratio", 0.05);
    }

    @Override
    protected Gate failingGate() {
        return new Gate.Prometheus(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "error_ratio", 0.01);
    }
}

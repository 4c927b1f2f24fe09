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
import java.util.Optional;

/** The gate check contract run against the HTTP gate and a readiness endpoint answering {"status":"ok"}. */
class HttpGateCheckContractIT extends GateCheckContract {

    private HttpServer server;
    private final HttpGateCheck check = new HttpGateCheck();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ready", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
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

    private URI ready() {
        return URI.create("http://127.0.0.1:%d/ready".formatted(server.getAddress().getPort()));
    }

    @Override
    protected GateCheck check() {
        return check;
    }

    @Override
    protected Gate passingGate() {
        return new Gate.Http(ready(), 200, Optional.of("$.status"), Optional.of("ok"));
    }

    @Override
    protected Gate failingGate() {
        return new Gate.Http(ready(), 200, Optional.of("$.status"), Optional.of("degraded"));
    }
}

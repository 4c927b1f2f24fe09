package dev.slipway.adapter.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where an AWS environment's release answers, played by a JDK HTTP server on 127.0.0.1: {@code /health} answers 200 and
 * {@code /version} the tag of the release it serves, both 503 while nothing healthy serves.
 */
final class ReleaseEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<Optional<String>> serving = new AtomicReference<>(Optional.empty());

    ReleaseEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on 127.0.0.1", e);
        }
        server.createContext("/health", exchange -> answer(exchange, serving.get().map(tag -> "ok")));
        server.createContext("/version", exchange -> answer(exchange, serving.get()));
        server.start();
    }

    private static void answer(HttpExchange exchange, Optional<String> body) throws IOException {
        byte[] bytes = body.orElse("nothing healthy serves here").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body.isPresent() ? 200 : 503, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:%d".formatted(server.getAddress().getPort()));
    }

    /** From now on the endpoint answers as a healthy {@code tag}. */
    void serve(String tag) {
        serving.set(Optional.of(tag));
    }

    /** From now on nothing healthy answers. */
    void stopServing() {
        serving.set(Optional.empty());
    }

    /** The version {@code endpoint} answers on {@code /version}, empty unless it answers 200. */
    static Optional<String> versionAt(URI endpoint) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/version")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body().strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

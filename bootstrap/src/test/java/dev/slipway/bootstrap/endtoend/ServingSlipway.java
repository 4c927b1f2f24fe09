package dev.slipway.bootstrap.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One {@code slipway serve} process of a workspace, on its own port, with the HTTP calls the end-to-end tests make. */
final class ServingSlipway implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Workspace workspace;
    private final Process process;
    private final int port;

    private ServingSlipway(Workspace workspace, Process process, int port) {
        this.workspace = workspace;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code slipway serve --port PORT} and waits until its readiness probe answers UP. */
    static ServingSlipway start(Workspace workspace, String name, Map<String, String> environment) {
        int port = Workspace.freePortPair();
        Process process = workspace.start(name, environment, "serve", "--port", Integer.toString(port));
        ServingSlipway server = new ServingSlipway(workspace, process, port);
        server.awaitReady();
        return server;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("slipway serve exited with %d before it was ready: %s".formatted(process.exitValue(), workspace.errorsSoFar(process)));
            }
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("slipway serve was not ready within %s: %s".formatted(START_TIMEOUT, workspace.errorsSoFar(process)));
    }

    HttpResponse<String> get(String path, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws IOException {
        if (headers.length > 0) request.headers(headers);
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Polls GET {@code path} until its body satisfies {@code done}; answers the last body. */
    String awaitBody(String path, Predicate<String> done, Duration within, String... headers) throws IOException {
        Instant deadline = Instant.now().plus(within);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = get(path, headers).body();
            if (done.test(body)) return body;
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError("GET %s did not answer as expected within %s; last answer: %s".formatted(path, within, body));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGTERM, as systemd and ECS stop a service; answers the exit code. */
    int stop(Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("slipway serve did not stop within " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, as on a lost machine. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String errors() {
        return workspace.errorsSoFar(process);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}

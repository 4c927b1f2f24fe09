package dev.slipway.adapter.http;

import dev.slipway.application.port.out.OutsideSystemFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The GETs that gate checks make: one JDK client, built on first use (it loads the TLS trust store), HTTP/1.1, no
 * redirects, a timeout per request and a bound on how much of a body is read; and one JSON reader for their answers.
 */
final class GateRequests implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int BODY_LIMIT = 256 * 1024;

    private volatile HttpClient client;
    /** Built on the first read: every command wires the gate checks, and only a deployment with gates reads one. */
    private volatile JsonMapper json;

    /** What a GET answered: its status and the start of its body. */
    record Answer(int status, String body) {}

    /** GETs {@code uri}; a failure to connect or a time-out is an {@link OutsideSystemFailure} of {@code system}. */
    Answer get(String system, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                return new Answer(response.statusCode(), new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new OutsideSystemFailure(system, "GET " + uri, true, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutsideSystemFailure(system, "GET " + uri, true, "interrupted");
        }
    }

    /** The body of {@code answer} as JSON (Jackson's own limits on nesting and sizes apply). */
    JsonNode json(Answer answer) throws JacksonException {
        JsonMapper mapper = json;
        if (mapper == null) {
            mapper = JsonMapper.builder().build();
            json = mapper;
        }
        return mapper.readTree(answer.body());
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(TIMEOUT).build();
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public void close() {
        if (client != null) client.close();
    }
}

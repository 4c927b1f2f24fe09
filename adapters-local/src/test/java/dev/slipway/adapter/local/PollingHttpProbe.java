package dev.slipway.adapter.local;

import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.HealthCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain HTTP health probe for these tests (adapters do not depend on each other, so the real one is out of reach):
 * GETs the check path until it answers 2xx, sleeping between attempts, then reads the version path.
 */
final class PollingHttpProbe implements HealthProbe {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Health probe(URI endpoint, HealthCheck check, StepContext step) {
        String last = "nothing asked yet";
        for (int attempt = 1; attempt <= check.attempts(); attempt++) {
            step.report("GET %s%s (attempt %d)".formatted(endpoint, check.path(), attempt), (attempt - 1) / (double) check.attempts());
            try {
                int status = get(endpoint, check.path(), check.timeout()).statusCode();
                if (status / 100 == 2) {
                    Optional<String> version = Optional.empty();
                    if (check.versionPath().isPresent()) version = Optional.of(get(endpoint, check.versionPath().get(), check.timeout()).body().strip());
                    return new Health(true, attempt, "answered %d on attempt %d".formatted(status, attempt), version);
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Health(false, attempt, "interrupted; last: " + last, Optional.empty());
            }
            try {
                Thread.sleep(check.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Health(false, attempt, "interrupted; last: " + last, Optional.empty());
            }
        }
        return new Health(false, check.attempts(), "no 2xx in %d attempts; last: %s".formatted(check.attempts(), last), Optional.empty());
    }

    HttpResponse<String> get(URI endpoint, String path, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(timeout).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

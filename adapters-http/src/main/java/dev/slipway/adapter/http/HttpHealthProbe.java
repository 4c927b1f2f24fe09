package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.HealthCheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Health probe over plain HTTP with the JDK's client: GETs the check path until it answers 2xx or the attempts run out. */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {

    /** A version is a short line; anything longer is cut here so a misbehaving endpoint cannot flood memory or logs. */
    static final int VERSION_LIMIT = 1024;
    /** How much of an unhealthy answer's body is quoted in the detail. */
    private static final int QUOTE_LIMIT = 160;

    private final Clock clock;
    private final HttpClient client;

    public HttpHealthProbe(Clock clock) {
        this.clock = clock;
        // HTTP/1.1 only: release processes are small servers that may mishandle the h2c upgrade headers.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Health probe(URI endpoint, HealthCheck check, StepContext step) {
        URI health = join(endpoint, check.path());
        int attempts = check.attempts();
        String last = "no attempt made";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            step.report("GET %s (attempt %d of %d)".formatted(health, attempt, attempts), (attempt - 1) / (double) attempts);
            Answer answer;
            try {
                answer = get(health, check.timeout(), QUOTE_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Health(false, attempt, "stopped while waiting for %s: interrupted; last: %s".formatted(health, last), Optional.empty());
            }
            if (answer.healthy()) {
                Health healthy = healthy(endpoint, health, check, attempt, answer, step);
                step.report(healthy.detail(), 1.0);
                return healthy;
            }
            last = answer.describe();
            step.report("%s on attempt %d of %d: %s".formatted(health, attempt, attempts, last), attempt / (double) attempts);
            if (attempt == attempts) break;
            if (clock.now().plus(check.interval()).isAfter(step.deadline())) {
                return new Health(false, attempt, "gave up on %s after %d of %d attempts: the deployment must finish by %s; last: %s"
                        .formatted(health, attempt, attempts, step.deadline(), last), Optional.empty());
            }
            try {
                clock.sleep(check.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Health(false, attempt, "stopped while waiting for %s: interrupted; last: %s".formatted(health, last), Optional.empty());
            }
        }
        return new Health(false, attempts, "%s did not answer 2xx in %d attempt%s; last: %s"
                .formatted(health, attempts, attempts == 1 ? "" : "s", last), Optional.empty());
    }

    private Health healthy(URI endpoint, URI health, HealthCheck check, int attempt, Answer answer, StepContext step) {
        String detail = "%s answered %d on attempt %d of %d".formatted(health, answer.status(), attempt, check.attempts());
        if (check.versionPath().isEmpty()) return new Health(true, attempt, detail, Optional.empty());
        URI versionUri = join(endpoint, check.versionPath().get());
        step.report("GET " + versionUri);
        Answer version;
        try {
            version = get(versionUri, check.timeout(), VERSION_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(true, attempt, detail + "; interrupted before %s answered".formatted(versionUri), Optional.empty());
        }
        if (!version.healthy()) {
            return new Health(true, attempt, detail + "; %s: %s".formatted(versionUri, version.describe()), Optional.empty());
        }
        String reported = version.body().strip();
        return new Health(true, attempt, detail + "; %s answered '%s'".formatted(versionUri, quote(reported)), Optional.of(reported));
    }

    /** One GET, bounded in time and in how much of the body is read; never throws for what the server does. */
    private Answer get(URI uri, Duration timeout, int bodyLimit) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> new FirstBytes(bodyLimit));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Answer(0, "", "no answer within " + readable(timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException | CancellationException e) {
            return new Answer(0, "", explain(e.getCause() == null ? e : e.getCause(), timeout));
        }
    }

    private static String explain(Throwable failure, Duration timeout) {
        if (failure instanceof HttpTimeoutException) return "no answer within " + readable(timeout);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String message = t.getMessage();
                return message == null || message.isBlank() || message.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : "could not connect: " + message;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) root = root.getCause();
        String message = root.getMessage();
        return "request failed" + (message == null || message.isBlank() ? " without a reason given" : ": " + quote(message));
    }

    private static URI join(URI endpoint, String path) {
        String base = endpoint.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + path);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
    }

    @Override
    public void close() {
        client.close();
    }

    /** What one GET got: a status and the start of the body, or why there was no status. */
    private record Answer(int status, String body, String error) {

        boolean healthy() {
            return error == null && status >= 200 && status < 300;
        }

        String describe() {
            if (error != null) return error;
            String quoted = quote(body);
            return quoted.isEmpty() ? "status " + status : "status %d, body '%s'".formatted(status, quoted);
        }
    }

    /** Keeps the first {@code limit} bytes of a body and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                kept.write(chunk, 0, take);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }
}

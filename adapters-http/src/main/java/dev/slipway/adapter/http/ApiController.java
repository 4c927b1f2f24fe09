package dev.slipway.adapter.http;

import dev.slipway.adapter.http.BackgroundDeployments.Submission;
import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.presentation.MetricsDocument;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.input.Durations;
import dev.slipway.domain.version.Bump;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The REST API under {@code /api}: reads the registry and drives the same use cases as the CLI, as the caller's actor,
 * so the core applies the same roles. Deployments run on the deployment executor; see {@link BackgroundDeployments}.
 */
@RestController
@RequestMapping(path = "/api", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class ApiController {

    static final int DEFAULT_LIMIT = 50;

    private final Catalog catalog;
    private final Deploy deploy;
    private final Rollback rollback;
    private final Promote promote;
    private final Approve approve;
    private final Locks locks;
    private final DeploymentHistory history;
    private final EnvironmentStatus status;
    private final BackgroundDeployments background;
    private final DeliveryMetrics metrics;

    ApiController(Catalog catalog, Deploy deploy, Rollback rollback, Promote promote, Approve approve, Locks locks, DeploymentHistory history,
                  EnvironmentStatus status, BackgroundDeployments background, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.deploy = deploy;
        this.rollback = rollback;
        this.promote = promote;
        this.approve = approve;
        this.locks = locks;
        this.history = history;
        this.status = status;
        this.background = background;
    }

    @GetMapping("/services")
    List<ApiViews.ServiceView> services() {
        return catalog.services().stream().map(ApiViews::service).toList();
    }

    @GetMapping("/environments")
    ResponseEntity<Object> environments(@RequestParam Optional<String> service) {
        return switch (status.status(new StatusRequest(service, Optional.empty()))) {
            case QueryOutcome.Answer<List<EnvironmentStatus.EnvironmentState>> a -> ResponseEntity.ok(a.value().stream().map(ApiViews::environment).toList());
            case Invalid i -> HttpAnswers.invalid(i);
        };
    }

    @GetMapping("/deployments")
    ResponseEntity<Object> deployments(@RequestParam Optional<String> service, @RequestParam Optional<String> environment,
                                       @RequestParam Optional<List<String>> status, @RequestParam Optional<Integer> limit,
                                       @RequestParam Optional<String> before, @RequestParam Optional<String> after) {
        Set<Status> statuses;
        Optional<Instant> until;
        try {
            statuses = statuses(status.orElse(List.of()));
            until = before.filter(b -> !b.isBlank()).map(Instant::parse);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return HttpAnswers.invalid(e.getMessage(), "status is one of " + statusWords() + "; before is an ISO-8601 instant such as 2026-11-24T09:00:00Z");
        }
        int size = limit.orElse(DEFAULT_LIMIT);
        return switch (history.history(new HistoryRequest(service, environment, statuses, size, until, after.filter(a -> !a.isBlank())))) {
            case QueryOutcome.Answer<List<Deployment>> a -> {
                List<Deployment> page = a.value();
                String next = page.size() < size ? null : nextLink(service, environment, statuses, size, page.getLast().id().value());
                yield ResponseEntity.ok(new ApiViews.Page(page.stream().map(ApiViews::summary).toList(), next));
            }
            case Invalid i -> HttpAnswers.invalid(i);
        };
    }

    @GetMapping("/metrics")
    ResponseEntity<Object> metrics(@RequestParam Optional<String> service, @RequestParam Optional<String> environment,
                                   @RequestParam Optional<String> since) {
        MetricsRequest request;
        try {
            request = new MetricsRequest(service.filter(s -> !s.isBlank()), environment.filter(e -> !e.isBlank()),
                    since.filter(s -> !s.isBlank()).map(s -> Durations.parse("since", s)).orElse(DeliveryMetrics.DEFAULT_WINDOW));
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "since is a window ending now from 1d to 366d, such as 30d or 90d");
        }
        return switch (metrics.metrics(request)) {
            case QueryOutcome.Answer<MetricsReport> a -> ResponseEntity.ok(MetricsDocument.of(a.value()));
            case Invalid i -> HttpAnswers.invalid(i);
        };
    }

    @GetMapping("/deployments/{id}")
    ResponseEntity<Object> deployment(@PathVariable String id) {
        try {
            DeploymentId.of(id);
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "ids are the 12 hex digits that history shows");
        }
        return switch (history.deployment(id)) {
            case QueryOutcome.Answer<Deployment> a -> ResponseEntity.ok(ApiViews.deployment(a.value()));
            // The id is well formed, so the only thing the query can object to is that no such deployment exists.
            case Invalid i -> HttpAnswers.notFound(i.reason());
        };
    }

    record DeployRequest(String service, String environment, String version, String bump, String name, String summary, String lockWait,
                         String timeout, Boolean allowOlder, Boolean redeploy) {}

    @PostMapping("/deployments")
    ResponseEntity<Object> deploy(@RequestBody DeployRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (body == null || body.environment() == null || body.environment().isBlank()) {
            return HttpAnswers.invalid("a deploy needs an environment", "POST {\"environment\": \"dev\"}, optionally with service, version or bump");
        }
        Optional<Bump> bump;
        Waits waits;
        try {
            bump = text(body.bump()).map(Bump::parse);
            waits = Waits.of(body.lockWait(), body.timeout());
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "bump is patch, minor or major; durations look like 30s, 10m or 1h30m");
        }
        if (!acceptable(key)) return badKey();
        String requestKey = requestKey(key, caller);
        DeployCommand command = new DeployCommand(text(body.service()), body.environment().strip(), text(body.version()), bump, text(body.name()),
                text(body.summary()), waits.lockWait(), waits.timeout(), caller.actor(), Optional.of(requestKey))
                .allowOlder(Boolean.TRUE.equals(body.allowOlder())).redeploy(Boolean.TRUE.equals(body.redeploy()));
        return run(() -> deploy.deploy(command), DeploymentId.forRequest(requestKey).value(), "deployment");
    }

    record RollbackRequest(String to, String lockWait, String timeout) {}

    @PostMapping("/environments/{service}/{environment}/rollback")
    ResponseEntity<Object> rollback(@PathVariable String service, @PathVariable String environment, @RequestBody(required = false) RollbackRequest body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        RollbackRequest request = body == null ? new RollbackRequest(null, null, null) : body;
        Waits waits;
        try {
            waits = Waits.of(request.lockWait(), request.timeout());
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "durations look like 30s, 10m or 1h30m");
        }
        if (!acceptable(key)) return badKey();
        String requestKey = requestKey(key, caller);
        Rollback.RollbackCommand command = new Rollback.RollbackCommand(Optional.of(service), environment, text(request.to()),
                waits.lockWait(), waits.timeout(), caller.actor(), Optional.of(requestKey));
        return run(() -> rollback.rollback(command), DeploymentId.forRequest(requestKey).value(), "rollback");
    }

    record PromoteRequest(String service, String from, String to, String lockWait, String timeout) {}

    @PostMapping("/promotions")
    ResponseEntity<Object> promote(@RequestBody PromoteRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (body == null || text(body.from()).isEmpty() || text(body.to()).isEmpty()) {
            return HttpAnswers.invalid("a promotion needs the environment it comes from and the one it goes to", "POST {\"from\": \"dev\", \"to\": \"prod\"}");
        }
        Waits waits;
        try {
            waits = Waits.of(body.lockWait(), body.timeout());
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "durations look like 30s, 10m or 1h30m");
        }
        if (!acceptable(key)) return badKey();
        String requestKey = requestKey(key, caller);
        Promote.PromoteCommand command = new Promote.PromoteCommand(text(body.service()), body.from().strip(), body.to().strip(),
                waits.lockWait(), waits.timeout(), caller.actor(), Optional.of(requestKey));
        return run(() -> promote.promote(command), DeploymentId.forRequest(requestKey).value(), "promotion");
    }

    record ApproveRequest(String comment, String lockWait) {}

    @PostMapping("/deployments/{id}/approve")
    ResponseEntity<Object> approve(@PathVariable String id, @RequestBody(required = false) ApproveRequest body,
                                   @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        ApproveRequest request = body == null ? new ApproveRequest(null, null) : body;
        Optional<Duration> lockWait;
        try {
            DeploymentId.of(id);
            lockWait = duration(request.lockWait(), "lockWait");
        } catch (IllegalArgumentException e) {
            return HttpAnswers.invalid(e.getMessage(), "ids are the 12 hex digits that history shows; durations look like 30s or 10m");
        }
        return run(() -> approve.approve(new Approve.ApproveCommand(id, text(request.comment()), lockWait.orElse(Duration.ZERO), caller.actor())),
                id, "approved deployment");
    }

    record RejectRequest(String reason) {}

    @PostMapping("/deployments/{id}/reject")
    ResponseEntity<Object> reject(@PathVariable String id, @RequestBody(required = false) RejectRequest body,
                                  @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Optional<String> reason = body == null ? Optional.empty() : text(body.reason());
        return run(() -> approve.reject(new Approve.RejectCommand(id, reason, caller.actor())), id, "rejection of deployment");
    }

    record LockRequest(String reason) {}

    @PostMapping("/environments/{service}/{environment}/lock")
    ResponseEntity<Object> lock(@PathVariable String service, @PathVariable String environment, @RequestBody(required = false) LockRequest body,
                                @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        return HttpAnswers.lock(locks.lock(new Locks.LockCommand(Optional.of(service), environment, reason, caller.actor())));
    }

    @DeleteMapping("/environments/{service}/{environment}/lock")
    ResponseEntity<Object> unlock(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return HttpAnswers.lock(locks.unlock(new Locks.UnlockCommand(Optional.of(service), environment, caller.actor())));
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApi() throws IOException {
        try (InputStream in = new ClassPathResource("dev/slipway/adapter/http/openapi.json").getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(in.readAllBytes());
        }
    }

    // ---- internals ----

    private ResponseEntity<Object> run(java.util.function.Supplier<DeploymentOutcome> useCase, String id, String what) {
        return switch (background.submit(useCase)) {
            case Submission.Finished f -> f.outcome() instanceof Refused r && "duplicate".equals(r.rule())
                    ? duplicate(r, id) : HttpAnswers.deployment(f.outcome());
            case Submission.StillRunning s -> HttpAnswers.accepted(id, what);
            case Submission.QueueFull q -> HttpAnswers.busy("the " + what);
        };
    }

    /**
     * A repeated Idempotency-Key: answers the deployment the first request started when it exists; otherwise (the first
     * request is still deciding) refused like any duplicate, naming where its deployment will be.
     */
    private ResponseEntity<Object> duplicate(Refused refused, String id) {
        if (history.deployment(id) instanceof QueryOutcome.Answer<Deployment> existing) {
            return ResponseEntity.ok().header("Location", "/api/deployments/" + id).body(ApiViews.deployment(existing.value()));
        }
        ResponseEntity<Object> answer = HttpAnswers.refused(refused);
        if (answer.getBody() instanceof org.springframework.http.ProblemDetail problem) problem.setProperty("deployment", "/api/deployments/" + id);
        return answer;
    }

    /**
     * The request's key: the client's Idempotency-Key within the caller's own namespace (so that one client cannot
     * block another's keys), or a fresh one.
     */
    static String requestKey(String header, Caller caller) {
        if (header == null || header.isBlank()) return "api:" + UUID.randomUUID();
        return "api:" + caller.actor().id() + ":" + header.strip();
    }

    private static boolean acceptable(String header) {
        return header == null || header.strip().length() <= 100 && header.chars().noneMatch(Character::isISOControl);
    }

    private static ResponseEntity<Object> badKey() {
        return HttpAnswers.invalid("the Idempotency-Key is longer than 100 characters or not printable", "use a UUID");
    }

    private static Set<Status> statuses(List<String> words) {
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String word : words) {
            for (String one : word.split(",")) {
                if (one.isBlank()) continue;
                try {
                    statuses.add(Status.valueOf(one.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'%s' is not a status".formatted(one.strip()));
                }
            }
        }
        return statuses;
    }

    private static String statusWords() {
        List<String> words = new ArrayList<>();
        for (Status s : Status.values()) words.add(ApiViews.word(s));
        return String.join(", ", words);
    }

    /** The next page starts after the last deployment shown: an (instant, id) position, so equal instants are never skipped. */
    private static String nextLink(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, String afterId) {
        StringBuilder link = new StringBuilder("/api/deployments?limit=").append(limit);
        service.ifPresent(s -> link.append("&service=").append(encode(s)));
        environment.ifPresent(e -> link.append("&environment=").append(encode(e)));
        if (!statuses.isEmpty()) link.append("&status=").append(String.join(",", statuses.stream().map(ApiViews::word).toList()));
        return link.append("&after=").append(afterId).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** How long a request may wait for its environment's lock (zero: refuse at once) and how long it may run in all. */
    private record Waits(Duration lockWait, Optional<Duration> timeout) {
        /** Refuses (IllegalArgumentException) a value that is not a duration, naming its field. */
        static Waits of(String lockWait, String timeout) {
            return new Waits(duration(lockWait, "lockWait").orElse(Duration.ZERO), duration(timeout, "timeout"));
        }
    }

    private static Optional<Duration> duration(String value, String field) {
        if (value == null || value.isBlank()) return Optional.empty();
        return Optional.of(Durations.parse(field, value));
    }
}

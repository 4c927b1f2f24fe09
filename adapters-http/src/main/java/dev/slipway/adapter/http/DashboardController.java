package dev.slipway.adapter.http;

import dev.slipway.adapter.http.BackgroundDeployments.Submission;
import dev.slipway.adapter.http.DashboardPages.Viewer;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.environment.Catalog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The dashboard: the overview of environments and history at {@code /}, one deployment at {@code /deployments/{id}},
 * rollback with a confirmation page, token sign-in, live updates ({@code /events} plus fragments the page polls) and its
 * own stylesheet and script. Reads through the same use cases as the API; a rollback is the core's, as the viewer.
 */
@Controller
class DashboardController {

    private static final int PAGE = 50;
    private static final int ROLLBACK_CHOICES = 100;
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final Catalog catalog;
    private final DeploymentHistory history;
    private final EnvironmentStatus status;
    private final Rollback rollback;
    private final BackgroundDeployments background;
    private final LiveDeployments live;
    private final Callers callers;
    private final DashboardProperties properties;

    DashboardController(Catalog catalog, DeploymentHistory history, EnvironmentStatus status, Rollback rollback, BackgroundDeployments background,
                        LiveDeployments live, Callers callers, DashboardProperties properties) {
        this.catalog = catalog;
        this.history = history;
        this.status = status;
        this.rollback = rollback;
        this.background = background;
        this.live = live;
        this.callers = callers;
        this.properties = properties;
    }

    // ---- pages ----

    @GetMapping("/")
    ResponseEntity<String> overview(@RequestParam Optional<String> service, @RequestParam Optional<List<String>> environment,
                                    @RequestParam Optional<List<String>> status, @RequestParam Optional<String> from, @RequestParam Optional<String> to,
                                    @RequestParam Optional<String> before, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        HistoryFilter filter;
        try {
            filter = HistoryFilter.of(service, environment, status, from, to, before);
        } catch (IllegalArgumentException e) {
            return html(HttpStatus.BAD_REQUEST, DashboardPages.problem(viewer(caller), "Nothing to show", e.getMessage(), "correct the filter and show again"));
        }
        Optional<String> fragment = renderOverview(filter, caller);
        if (fragment.isEmpty()) {
            return html(HttpStatus.BAD_REQUEST, DashboardPages.problem(viewer(caller), "Nothing to show", "no such service or environment, or a bad date",
                    "choose a service from the list"));
        }
        List<String> environments = catalog.services().stream().flatMap(s -> s.environmentNames().stream()).distinct().toList();
        return html(HttpStatus.OK, DashboardPages.overview(viewer(caller), catalog.names(), environments, filter, fragment.get()));
    }

    @GetMapping("/fragments/overview")
    ResponseEntity<String> overviewFragment(@RequestParam Optional<String> service, @RequestParam Optional<List<String>> environment,
                                            @RequestParam Optional<List<String>> status, @RequestParam Optional<String> from,
                                            @RequestParam Optional<String> to, @RequestParam Optional<String> before,
                                            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Optional<String> fragment;
        try {
            fragment = renderOverview(HistoryFilter.of(service, environment, status, from, to, before), caller);
        } catch (IllegalArgumentException e) {
            fragment = Optional.empty();
        }
        return fragment.map(f -> html(HttpStatus.OK, f))
                .orElseGet(() -> html(HttpStatus.BAD_REQUEST, "<p role=\"alert\">no such service or environment, or a bad filter</p>"));
    }

    @GetMapping("/deployments/{id}")
    ResponseEntity<String> deployment(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!wellFormed(id)) return html(HttpStatus.NOT_FOUND, DashboardPages.problem(viewer(caller), "No such deployment", "'" + id + "' is not a deployment id", ""));
        Optional<Deployment> found = find(id);
        String fragment = found.map(d -> fragment(d, caller)).orElseGet(() -> DashboardPages.missing(id));
        return html(found.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND, DashboardPages.deployment(viewer(caller), id, fragment));
    }

    @GetMapping("/fragments/deployments/{id}")
    ResponseEntity<String> deploymentFragment(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!wellFormed(id)) return html(HttpStatus.NOT_FOUND, DashboardPages.missing(id));
        return html(HttpStatus.OK, find(id).map(d -> fragment(d, caller)).orElseGet(() -> DashboardPages.missing(id)));
    }

    @GetMapping("/environments/{service}/{environment}/rollback")
    ResponseEntity<String> confirmRollback(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (catalog.find(service).flatMap(s -> s.environment(environment)).isEmpty()) {
            return html(HttpStatus.NOT_FOUND, DashboardPages.problem(viewer(caller), "No such environment", "%s has no environment %s".formatted(service, environment), ""));
        }
        List<Deployment> succeeded = switch (history.history(new HistoryRequest(Optional.of(service), Optional.of(environment), Set.of(Status.SUCCEEDED),
                ROLLBACK_CHOICES, Optional.empty()))) {
            case QueryOutcome.Answer<List<Deployment>> a -> a.value();
            case Invalid i -> List.of();
        };
        String running = succeeded.stream().findFirst().map(d -> d.release().tag()).orElse(null);
        return html(HttpStatus.OK, DashboardPages.confirmRollback(viewer(caller), service, environment, running, rollbackChoices(succeeded)));
    }

    /**
     * The versions a rollback may bring back, newest first: each earlier succeeded release other than the running one, with
     * the commits the succeeded deploys after it brought (what going back to it takes out), as the registry recorded them.
     */
    static List<ActionPages.RollbackChoice> rollbackChoices(List<Deployment> succeededNewestFirst) {
        List<ActionPages.RollbackChoice> choices = new java.util.ArrayList<>();
        if (succeededNewestFirst.isEmpty()) return choices;
        String running = succeededNewestFirst.getFirst().release().tag();
        java.util.Set<String> seen = new java.util.HashSet<>(Set.of(running));
        java.util.Map<String, Commit> removed = new java.util.LinkedHashMap<>();
        for (Deployment d : succeededNewestFirst) {
            if (!seen.contains(d.release().tag())) {
                seen.add(d.release().tag());
                choices.add(new ActionPages.RollbackChoice(d.release().tag(), d.id().value(), List.copyOf(removed.values())));
            }
            if (d.kind() != Kind.ROLLBACK) d.notes().commits().forEach(c -> removed.putIfAbsent(c.id().sha(), c));
        }
        return choices;
    }

    @PostMapping("/environments/{service}/{environment}/rollback")
    ResponseEntity<String> rollback(@PathVariable String service, @PathVariable String environment, @RequestParam Optional<String> to,
                                    @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        String key = "dashboard:" + UUID.randomUUID();
        String id = DeploymentId.forRequest(key).value();
        Rollback.RollbackCommand command;
        try {
            command = new Rollback.RollbackCommand(Optional.of(service), environment, to.filter(v -> !v.isBlank()), Duration.ZERO,
                    Optional.empty(), caller.actor(), Optional.of(key));
        } catch (IllegalArgumentException e) {
            return problem(OutcomePresenter.badInput(e.getMessage(), "choose a version on the rollback page"), "Invalid", caller);
        }
        return switch (background.submit(() -> rollback.rollback(command))) {
            case Submission.StillRunning s -> seeOther("/deployments/" + id);
            case Submission.QueueFull q -> html(HttpStatus.SERVICE_UNAVAILABLE, DashboardPages.problem(viewer(caller), "Too busy",
                    "every deployment worker is busy and the queue is full; the rollback was not started", "try again shortly"));
            case Submission.Finished f -> finished(f.outcome(), id, caller);
        };
    }

    /** A deployment that exists is shown on its page; anything else is the presenter's sentence and next step on a page of its own. */
    private ResponseEntity<String> finished(DeploymentOutcome outcome, String id, Caller caller) {
        Presentation p = OutcomePresenter.present(outcome);
        return switch (outcome) {
            case Refused r -> problem(p, "Refused by " + r.rule(), caller);
            case Invalid i -> problem(p, "Invalid", caller);
            case DeploymentOutcome.TimedOut t -> problem(p, "Timed out", caller);
            case DeploymentOutcome.Succeeded s -> seeOther("/deployments/" + s.deployment().id());
            case DeploymentOutcome.NotDeployed n -> seeOther("/deployments/" + n.deployment().id());
            case DeploymentOutcome.RolledBack r -> seeOther("/deployments/" + r.deployment().id());
            case DeploymentOutcome.Failed f -> seeOther("/deployments/" + f.deployment().id());
            case DeploymentOutcome.AwaitingApproval a -> seeOther("/deployments/" + a.deployment().id());
            case DeploymentOutcome.Cancelled c -> seeOther("/deployments/" + c.deployment().id());
        };
    }

    private ResponseEntity<String> problem(Presentation p, String title, Caller caller) {
        return html(HttpStatus.valueOf(p.httpStatus()), DashboardPages.problem(viewer(caller), title, p.message(), p.next() == null ? "" : p.next()));
    }

    // ---- live updates ----

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@RequestParam Optional<String> deployment) {
        return live.subscribe(deployment.filter(DashboardController::wellFormed).orElse(""));
    }

    // ---- sign-in ----

    @GetMapping("/signin")
    ResponseEntity<String> signInPage(@RequestParam Optional<String> next) {
        return html(HttpStatus.OK, DashboardPages.signIn(safeNext(next.orElse("/")), null, properties.proxyUserHeader() != null));
    }

    @PostMapping("/signin")
    ResponseEntity<String> signIn(@RequestParam Optional<String> token, @RequestParam Optional<String> next, HttpServletRequest request) {
        String target = safeNext(next.orElse("/"));
        Optional<ResponseCookie> cookie = token.flatMap(t -> callers.signIn(t, callers.secure(request)));
        if (cookie.isEmpty()) {
            return html(HttpStatus.UNAUTHORIZED, DashboardPages.signIn(target, "That token is not one of this server's API tokens.",
                    properties.proxyUserHeader() != null));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, cookie.get().toString()).location(URI.create(target)).build();
    }

    @PostMapping("/signout")
    ResponseEntity<String> signOut(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, callers.signOut(callers.secure(request)).toString())
                .location(URI.create("/signin")).build();
    }

    // ---- assets ----

    @GetMapping("/assets/{name:[a-z]+\\.(?:css|js)}")
    ResponseEntity<byte[]> asset(@PathVariable String name) throws IOException {
        ClassPathResource resource = new ClassPathResource("dev/slipway/adapter/http/assets/" + name);
        if (!resource.exists()) return ResponseEntity.notFound().build();
        try (InputStream in = resource.getInputStream()) {
            MediaType type = name.endsWith(".css") ? MediaType.valueOf("text/css;charset=UTF-8") : MediaType.valueOf("text/javascript;charset=UTF-8");
            return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(Duration.ofMinutes(10))).body(in.readAllBytes());
        }
    }

    // ---- internals ----

    private Optional<String> renderOverview(HistoryFilter filter, Caller caller) {
        Optional<String> svc = filter.service();
        Optional<String> before = filter.before();
        Optional<Instant> until;
        try {
            until = before.filter(s -> !s.matches("[0-9a-f]{12}")).map(Instant::parse).or(filter::until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        // "Older" carries the last deployment's id; an instant from an older link still works as a plain filter.
        Optional<String> afterId = before.filter(s -> s.matches("[0-9a-f]{12}"));
        Optional<String> oneEnvironment = filter.environments().size() == 1 ? Optional.of(filter.environments().getFirst()) : Optional.empty();
        HistoryRequest request = new HistoryRequest(svc, oneEnvironment, filter.statusSet(), PAGE, until, afterId)
                .within(filter.environments().size() > 1 ? java.util.Set.copyOf(filter.environments()) : Set.of(), filter.since());
        QueryOutcome<List<Deployment>> page = history.history(request);
        if (!(page instanceof QueryOutcome.Answer<List<Deployment>> answer)) return Optional.empty();
        List<Deployment> deployments = answer.value();
        String older = deployments.size() < PAGE ? null : "/" + filter.page(Optional.of(deployments.getLast().id().value())).query();
        String newest = before.isEmpty() ? null : "/" + filter.page(Optional.empty()).query();
        List<EnvironmentState> states = states(svc, oneEnvironment);
        return Optional.of(DashboardPages.overviewFragment(states, deployments, older, newest, (s, e) -> mayRollBack(caller, s, e)));
    }

    private List<EnvironmentState> states(Optional<String> service, Optional<String> environment) {
        return switch (status.status(new StatusRequest(service, environment))) {
            case QueryOutcome.Answer<List<EnvironmentState>> a -> a.value();
            case Invalid i -> List.of();
        };
    }

    private Optional<Deployment> find(String id) {
        return switch (history.deployment(id)) {
            case QueryOutcome.Answer<Deployment> a -> Optional.of(a.value());
            case Invalid i -> Optional.empty();
        };
    }

    /** The deployment with the buttons the viewer's roles allow: Rollback, and Approve and Reject while it waits. */
    private String fragment(Deployment d, Caller caller) {
        Optional<dev.slipway.domain.environment.Environment> environment = catalog.find(d.service()).flatMap(s -> s.environment(d.environment()));
        String approvers = environment.map(e -> e.approval().approvers().isEmpty() ? "anyone with the approve role but the requester"
                : String.join(", ", new java.util.TreeSet<>(e.approval().approvers()))).orElse("");
        boolean mayDecide = catalog.access().permits(caller.actor(), d.service(), d.environment(), Role.APPROVE)
                && environment.map(e -> e.approval().refusal(caller.actor(), d.requestedBy()).isEmpty()).orElse(false);
        return DashboardPages.deploymentFragment(d, mayRollBack(caller, d.service(), d.environment()), approvers, mayDecide);
    }

    private boolean mayRollBack(Caller caller, String service, String environment) {
        return catalog.access().permits(caller.actor(), service, environment, Role.ROLLBACK);
    }

    static Viewer viewer(Caller caller) {
        return new Viewer(caller.actor().id(), caller.csrf(), caller.proof() == Caller.Proof.SESSION);
    }

    private static boolean wellFormed(String id) {
        try {
            DeploymentId.of(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Only a path on this site: never another host, so sign-in cannot be used to send people elsewhere. */
    private static String safeNext(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && next.chars().noneMatch(Character::isISOControl) ? next : "/";
    }

    private static ResponseEntity<String> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }

    static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.valueOf("text/html;charset=UTF-8")).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                .body(body);
    }
}

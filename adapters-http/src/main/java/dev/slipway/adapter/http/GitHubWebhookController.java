package dev.slipway.adapter.http;

import dev.slipway.adapter.http.BackgroundDeployments.Submission;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.Trigger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's webhook deliveries at {@code /webhooks/github}: verified by signature before anything else, then a push to a
 * branch that an environment with {@code trigger: push} follows deploys that environment, and a pushed tag matching the
 * pattern of an environment with {@code trigger: tag} deploys that version. Each deployment's request key names the
 * delivery, so a delivery GitHub sends again, to this replica or another, starts nothing new.
 */
@RestController
class GitHubWebhookController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GitHubWebhookController.class);

    /** How long a webhook deployment waits for a lock held by another deployment before it gives up. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private final Catalog catalog;
    private final Deploy deploy;
    private final EnvironmentStatus status;
    private final DeploymentHistory history;
    private final BackgroundDeployments background;
    private final GitHubWebhookProperties properties;
    private final GitHubSignature signature;
    private final JsonMapper json = JsonMapper.builder().build();

    GitHubWebhookController(Catalog catalog, Deploy deploy, EnvironmentStatus status, DeploymentHistory history, BackgroundDeployments background,
                            GitHubWebhookProperties properties, GitHubSignature signature) {
        this.catalog = catalog;
        this.deploy = deploy;
        this.status = status;
        this.history = history;
        this.background = background;
        this.properties = properties;
        this.signature = signature;
    }

    /** One environment a delivery deploys, and what became of it within the short wait. */
    record Triggered(String service, String environment, String deployment, String outcome, String message, String location) {}

    record Answer(String delivery, String message, List<Triggered> deployments) {}

    @PostMapping(path = "/webhooks/github", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Object> receive(@RequestBody(required = false) byte[] body,
                                   @RequestHeader(name = "X-Hub-Signature-256", required = false) String signed,
                                   @RequestHeader(name = "X-GitHub-Event", required = false) String event,
                                   @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery) {
        if (!properties.enabled()) {
            return HttpAnswers.notFound("GitHub webhooks are off: set slipway.webhooks.github.enabled: true and GITHUB_WEBHOOK_SECRET");
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (!signature.verifies(payload, signed)) {
            log.warn("refused a GitHub delivery {}: {}", delivery == null ? "without id" : RequestLimits.printable(delivery),
                    signature.configured() ? (signed == null ? "no X-Hub-Signature-256" : "the signature does not match the body") : "no GITHUB_WEBHOOK_SECRET");
            String detail = signature.configured()
                    ? "the X-Hub-Signature-256 header is missing or does not match the body under the webhook secret; nothing was run"
                    : "GITHUB_WEBHOOK_SECRET is not set on this server, so no delivery can be verified; nothing was run";
            return HttpAnswers.answer(HttpAnswers.problem(HttpStatus.UNAUTHORIZED, "bad-signature", "Signature not verified", detail));
        }
        if ("ping".equals(event)) return ResponseEntity.ok(new Answer(delivery, "pong: the secret matches", List.of()));
        if (!"push".equals(event)) return ResponseEntity.ok(new Answer(delivery, "event '%s' starts nothing".formatted(event), List.of()));
        if (delivery == null || !delivery.matches("[A-Za-z0-9-]{1,100}")) {
            return HttpAnswers.invalid("a push needs its X-GitHub-Delivery id", "GitHub sends it with every delivery");
        }
        JsonNode push;
        try {
            push = json.readTree(payload);
        } catch (JacksonException e) {
            return HttpAnswers.invalid("the push payload is not JSON", "set the webhook's content type to application/json");
        }
        if (push.path("deleted").asBoolean(false)) return ResponseEntity.ok(new Answer(delivery, "a deleted ref starts nothing", List.of()));
        String ref = string(push.path("ref"));
        String repository = string(push.path("repository").path("full_name"));
        String login = string(push.path("sender").path("login"));
        if (login.isEmpty()) login = string(push.path("pusher").path("name"));
        Actor actor = new Actor("github:" + (login.isEmpty() ? "unknown" : login), FrontEnd.WEBHOOK, "", Set.of());

        // The commit the pushed ref points at, as GitHub says: a tag is deployed only where the remote has it, at this commit.
        Optional<String> pushedCommit = Optional.of(string(push.path("head_commit").path("id"))).filter(id -> id.matches("[0-9a-f]{40}"));
        List<Triggered> triggered = new ArrayList<>();
        for (Service service : catalog.services()) {
            if (!service.repository().isHostedAs(repository)) continue;
            for (Environment environment : service.environments().values()) {
                deploys(environment, ref).ifPresent(version -> triggered.add(consider(service, environment, version.tag(), pushedCommit, actor, delivery)));
            }
        }
        if (triggered.isEmpty()) {
            return ResponseEntity.ok(new Answer(delivery, "%s of %s matches no environment's trigger".formatted(ref, repository), List.of()));
        }
        if (triggered.stream().allMatch(t -> "duplicate".equals(t.outcome()) || "skipped".equals(t.outcome()))) {
            return ResponseEntity.ok(new Answer(delivery, "nothing new started for delivery %s".formatted(delivery), triggered));
        }
        if (triggered.stream().allMatch(t -> "busy".equals(t.outcome()))) {
            return HttpAnswers.busy("the push of " + ref);
        }
        return ResponseEntity.accepted().body(new Answer(delivery, "%d deployment%s for %s".formatted(triggered.size(),
                triggered.size() == 1 ? "" : "s", ref), triggered));
    }

    /** What a ref deploys to an environment: the branch head (no tag) or a pushed tag. */
    private record Version(Optional<String> tag) {}

    /** What the ref deploys to the environment, if anything: the branch head after a push to the branch it follows, or a tag matching its pattern. */
    private static Optional<Version> deploys(Environment environment, String ref) {
        if (environment.trigger() == Trigger.PUSH && ref.startsWith("refs/heads/")
                && environment.branchPolicy().allows(ref.substring("refs/heads/".length()))) {
            return Optional.of(new Version(Optional.empty()));
        }
        if (environment.trigger() == Trigger.TAG && ref.startsWith("refs/tags/")) {
            String tag = ref.substring("refs/tags/".length());
            if (environment.tagPattern().parse(tag).isEmpty()) return Optional.empty();
            return Optional.of(new Version(Optional.of(tag)));
        }
        return Optional.empty();
    }

    private boolean alreadyThere(Service service, Environment environment, String tag) {
        return switch (status.status(new StatusRequest(Optional.of(service.name()), Optional.of(environment.name())))) {
            case QueryOutcome.Answer<List<EnvironmentStatus.EnvironmentState>> a -> a.value().stream().anyMatch(s ->
                    s.current().map(d -> d.release().tag().equals(tag)).orElse(false) || s.active().map(d -> d.release().tag().equals(tag)).orElse(false));
            case Invalid i -> false;
        };
    }

    /**
     * Starts the deployment unless this delivery started it before (the core's duplicate refusal also holds when two
     * replicas race), or the environment already runs or deploys the pushed tag: Slipway's own deployments push their
     * tags too, and those must not deploy again.
     */
    private Triggered consider(Service service, Environment environment, Optional<String> version, Optional<String> pushedCommit, Actor actor, String delivery) {
        String key = "github:%s:%s/%s".formatted(delivery, service.name(), environment.name());
        String id = DeploymentId.forRequest(key).value();
        String location = "/api/deployments/" + id;
        if (history.deployment(id) instanceof QueryOutcome.Answer<Deployment>) {
            return new Triggered(service.name(), environment.name(), id, "duplicate",
                    "delivery %s was received before: it started deployment %s".formatted(delivery, id), location);
        }
        if (version.isPresent() && alreadyThere(service, environment, version.get())) {
            return new Triggered(service.name(), environment.name(), null, "skipped",
                    "%s/%s already runs or is deploying %s".formatted(service.name(), environment.name(), version.get()), null);
        }
        DeployCommand branchHead = DeployCommand.of(service.name(), environment.name(), actor).lockWait(LOCK_WAIT).requestKey(key);
        // A pushed tag deploys as the remote has it; the core refuses one the remote lacks and never creates it.
        DeployCommand command = version.map(tag -> branchHead.remoteTag(tag, pushedCommit)).orElse(branchHead);
        return switch (background.submit(() -> deploy.deploy(command))) {
            case Submission.StillRunning s -> new Triggered(service.name(), environment.name(), id, "started", "deployment %s started".formatted(id), location);
            case Submission.QueueFull q -> new Triggered(service.name(), environment.name(), null, "busy", "the deployment queue is full", null);
            case Submission.Finished f -> finished(service, environment, id, location, f.outcome());
        };
    }

    private static Triggered finished(Service service, Environment environment, String id, String location, DeploymentOutcome outcome) {
        var presented = dev.slipway.application.presentation.OutcomePresenter.present(outcome);
        String message = presented.message();
        String word = outcome instanceof Refused r && "duplicate".equals(r.rule()) ? "duplicate" : presented.outcome();
        boolean exists = !(outcome instanceof Refused) && !(outcome instanceof Invalid) && !(outcome instanceof DeploymentOutcome.TimedOut);
        return new Triggered(service.name(), environment.name(), exists ? id : null, word, message, exists ? location : null);
    }

    private static String string(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }
}

package dev.slipway.adapter.http;

import dev.slipway.adapter.http.BackgroundDeployments.Submission;
import dev.slipway.adapter.http.DashboardPages.Viewer;
import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.input.InputRefused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the dashboard lets a person do besides roll back: approve or reject a waiting deployment, deploy the branch head
 * (its plan shown first), promote, lock and unlock. Each is a confirmation page (GET) and a form (POST) that carries the
 * session's CSRF token, checked before any handler runs; the POST calls the same use case as every other front end, as
 * the viewer, so the core applies the same roles and rules, and the presenter's words say what happened.
 */
@Controller
class DashboardActionsController {

    private final Catalog catalog;
    private final DeploymentHistory history;
    private final Approve approve;
    private final Deploy deploy;
    private final PlanDeployment plan;
    private final Promote promote;
    private final Locks locks;
    private final BackgroundDeployments background;

    DashboardActionsController(Catalog catalog, DeploymentHistory history, Approve approve, Deploy deploy, PlanDeployment plan, Promote promote,
                               Locks locks, BackgroundDeployments background) {
        this.catalog = catalog;
        this.history = history;
        this.approve = approve;
        this.deploy = deploy;
        this.plan = plan;
        this.promote = promote;
        this.locks = locks;
        this.background = background;
    }

    // ---- approve and reject ----

    @GetMapping("/deployments/{id}/approve")
    ResponseEntity<String> confirmApprove(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return waiting(id, caller).map(d -> DashboardController.html(HttpStatus.OK,
                        ActionPages.confirmDecision(DashboardController.viewer(caller), d, environmentOf(d), true)))
                .orElseGet(() -> notWaiting(id, caller));
    }

    @PostMapping("/deployments/{id}/approve")
    ResponseEntity<String> approve(@PathVariable String id, @RequestParam Optional<String> comment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return act(caller, id, () -> approve.approve(new Approve.ApproveCommand(id, comment.filter(c -> !c.isBlank()), Duration.ZERO, caller.actor())));
    }

    @GetMapping("/deployments/{id}/reject")
    ResponseEntity<String> confirmReject(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return waiting(id, caller).map(d -> DashboardController.html(HttpStatus.OK,
                        ActionPages.confirmDecision(DashboardController.viewer(caller), d, environmentOf(d), false)))
                .orElseGet(() -> notWaiting(id, caller));
    }

    @PostMapping("/deployments/{id}/reject")
    ResponseEntity<String> reject(@PathVariable String id, @RequestParam Optional<String> reason, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return act(caller, id, () -> approve.reject(new Approve.RejectCommand(id, reason.filter(r -> !r.isBlank()), caller.actor())));
    }

    // ---- deploy and promote ----

    @GetMapping("/environments/{service}/{environment}/deploy")
    ResponseEntity<String> confirmDeploy(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Viewer viewer = DashboardController.viewer(caller);
        PlanOutcome planned = plan.plan(DeployCommand.of(service, environment, caller.actor()));
        return switch (planned) {
            case PlanOutcome.Planned p -> DashboardController.html(HttpStatus.OK, ActionPages.confirmDeploy(viewer, p));
            case Refused r -> problem(OutcomePresenter.present(r), "Refused by " + r.rule(), viewer);
            case Invalid i -> problem(OutcomePresenter.present(i), "Invalid", viewer);
        };
    }

    @PostMapping("/environments/{service}/{environment}/deploy")
    ResponseEntity<String> deploy(@PathVariable String service, @PathVariable String environment, @RequestParam(name = "commit", required = false) String commit,
                                  @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        String key = "dashboard:" + UUID.randomUUID();
        DeployCommand command;
        try {
            // The commit the confirmed plan showed: a branch that moved since is refused (plan-changed), never deployed unseen.
            command = DeployCommand.of(service, environment, caller.actor()).requestKey(key).expectHead(commit);
        } catch (InputRefused e) {
            return problem(OutcomePresenter.badInput(e.getMessage(), "choose an environment on the service's page"), "Invalid", DashboardController.viewer(caller));
        }
        return act(caller, DeploymentId.forRequest(key).value(), () -> deploy.deploy(command));
    }

    @GetMapping("/environments/{service}/{environment}/promote")
    ResponseEntity<String> confirmPromote(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Viewer viewer = DashboardController.viewer(caller);
        Optional<Environment> target = environment(service, environment);
        if (target.isEmpty() || target.get().promotedFrom().isEmpty()) {
            return problem(OutcomePresenter.badInput("%s/%s is not promoted from another environment".formatted(service, environment),
                    "deploy it instead"), "Nothing to promote", viewer);
        }
        String from = target.get().promotedFrom().get();
        Optional<Deployment> source = latestSettled(service, from);
        Optional<Deployment> current = latestSettled(service, environment);
        return DashboardController.html(HttpStatus.OK, ActionPages.confirmPromote(viewer, service, from, environment,
                source.map(d -> d.resultingRelease().orElse(d.release()).tag()), current.map(d -> d.resultingRelease().orElse(d.release()).tag()),
                target.get().approval().required()));
    }

    @PostMapping("/environments/{service}/{environment}/promote")
    ResponseEntity<String> promote(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Optional<String> from = environment(service, environment).flatMap(Environment::promotedFrom);
        if (from.isEmpty()) {
            return problem(OutcomePresenter.badInput("%s/%s is not promoted from another environment".formatted(service, environment), "deploy it instead"),
                    "Nothing to promote", DashboardController.viewer(caller));
        }
        String key = "dashboard:" + UUID.randomUUID();
        return act(caller, DeploymentId.forRequest(key).value(), () -> promote.promote(new Promote.PromoteCommand(Optional.of(service), from.get(), environment,
                Duration.ZERO, Optional.empty(), caller.actor(), Optional.of(key))));
    }

    // ---- lock and unlock ----

    @GetMapping("/environments/{service}/{environment}/lock")
    ResponseEntity<String> confirmLock(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (environment(service, environment).isEmpty()) return noSuchEnvironment(service, environment, caller);
        return DashboardController.html(HttpStatus.OK, ActionPages.confirmLock(DashboardController.viewer(caller), service, environment, true));
    }

    @PostMapping("/environments/{service}/{environment}/lock")
    ResponseEntity<String> lock(@PathVariable String service, @PathVariable String environment, @RequestParam Optional<String> reason,
                                @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Viewer viewer = DashboardController.viewer(caller);
        LockOutcome outcome;
        try {
            outcome = locks.lock(new Locks.LockCommand(Optional.of(service), environment, reason.orElse(""), caller.actor()));
        } catch (IllegalArgumentException e) {
            return problem(OutcomePresenter.badInput(e.getMessage(), "go back and give a reason of at most 500 characters"), "Invalid", viewer);
        }
        return locked(outcome, service, viewer);
    }

    @GetMapping("/environments/{service}/{environment}/unlock")
    ResponseEntity<String> confirmUnlock(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (environment(service, environment).isEmpty()) return noSuchEnvironment(service, environment, caller);
        return DashboardController.html(HttpStatus.OK, ActionPages.confirmLock(DashboardController.viewer(caller), service, environment, false));
    }

    @PostMapping("/environments/{service}/{environment}/unlock")
    ResponseEntity<String> unlock(@PathVariable String service, @PathVariable String environment, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Viewer viewer = DashboardController.viewer(caller);
        LockOutcome outcome;
        try {
            outcome = locks.unlock(new Locks.UnlockCommand(Optional.of(service), environment, caller.actor()));
        } catch (IllegalArgumentException e) {
            return problem(OutcomePresenter.badInput(e.getMessage(), "choose an environment on the service's page"), "Invalid", viewer);
        }
        return locked(outcome, service, viewer);
    }

    // ---- internals ----

    private ResponseEntity<String> locked(LockOutcome outcome, String service, Viewer viewer) {
        Presentation p = OutcomePresenter.present(outcome);
        return switch (outcome) {
            case LockOutcome.Locked l -> seeOther("/services/" + Html.url(service));
            case LockOutcome.Unlocked u -> seeOther("/services/" + Html.url(service));
            // Someone unlocked it meanwhile: what was asked holds already.
            case LockOutcome.NotLocked n -> seeOther("/services/" + Html.url(service));
            case Refused r -> problem(p, "Refused by " + r.rule(), viewer);
            case Invalid i -> problem(p, "Invalid", viewer);
        };
    }

    /** Runs a use case that may start a deployment on the deployment executor and shows the deployment, or the presenter's words. */
    private ResponseEntity<String> act(Caller caller, String id, Supplier<DeploymentOutcome> useCase) {
        Viewer viewer = DashboardController.viewer(caller);
        return switch (background.submit(useCase)) {
            case Submission.StillRunning s -> seeOther("/deployments/" + id);
            case Submission.QueueFull q -> DashboardController.html(HttpStatus.SERVICE_UNAVAILABLE, DashboardPages.problem(viewer, "Too busy",
                    "every deployment worker is busy and the queue is full; nothing was started", "try again shortly"));
            case Submission.Finished f -> switch (f.outcome()) {
                case Refused r -> problem(OutcomePresenter.present(r), "Refused by " + r.rule(), viewer);
                case Invalid i -> problem(OutcomePresenter.present(i), "Invalid", viewer);
                case DeploymentOutcome.TimedOut t -> problem(OutcomePresenter.present(t), "Timed out", viewer);
                case DeploymentOutcome.Succeeded s -> seeOther("/deployments/" + s.deployment().id());
                case DeploymentOutcome.NotDeployed n -> seeOther("/deployments/" + n.deployment().id());
                case DeploymentOutcome.RolledBack r -> seeOther("/deployments/" + r.deployment().id());
                case DeploymentOutcome.Failed fl -> seeOther("/deployments/" + fl.deployment().id());
                case DeploymentOutcome.AwaitingApproval a -> seeOther("/deployments/" + a.deployment().id());
                case DeploymentOutcome.Cancelled c -> seeOther("/deployments/" + c.deployment().id());
            };
        };
    }

    private Optional<Deployment> waiting(String id, Caller caller) {
        try {
            DeploymentId.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (history.deployment(id)) {
            case QueryOutcome.Answer<Deployment> a -> Optional.of(a.value()).filter(d -> d.status() == dev.slipway.domain.deployment.Status.AWAITING_APPROVAL);
            case Invalid i -> Optional.empty();
        };
    }

    private ResponseEntity<String> notWaiting(String id, Caller caller) {
        return DashboardController.html(HttpStatus.CONFLICT, DashboardPages.problem(DashboardController.viewer(caller), "Nothing to decide",
                "deployment %s is not waiting for approval".formatted(id), "open the deployment's page to see where it is"));
    }

    private Environment environmentOf(Deployment d) {
        return environment(d.service(), d.environment()).orElseThrow();
    }

    private Optional<Environment> environment(String service, String environment) {
        return catalog.find(service).flatMap(s -> s.environment(environment));
    }

    private Optional<Deployment> latestSettled(String service, String environment) {
        return switch (history.history(new DeploymentHistory.HistoryRequest(Optional.of(service), Optional.of(environment),
                dev.slipway.domain.deployment.Status.SETTLED, 1, Optional.empty()))) {
            case QueryOutcome.Answer<java.util.List<Deployment>> a -> a.value().stream().findFirst();
            case Invalid i -> Optional.empty();
        };
    }

    private ResponseEntity<String> noSuchEnvironment(String service, String environment, Caller caller) {
        return DashboardController.html(HttpStatus.NOT_FOUND, DashboardPages.problem(DashboardController.viewer(caller), "No such environment",
                "%s has no environment %s".formatted(service, environment), "choose one on the service's page"));
    }

    private static ResponseEntity<String> problem(Presentation p, String title, Viewer viewer) {
        return DashboardController.html(HttpStatus.valueOf(p.httpStatus()), DashboardPages.problem(viewer, title, p.message(), p.next() == null ? "" : p.next()));
    }

    private static ResponseEntity<String> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }
}

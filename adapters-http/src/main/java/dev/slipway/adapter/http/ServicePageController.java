package dev.slipway.adapter.http;

import dev.slipway.adapter.http.DashboardPages.Viewer;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.input.Durations;
import dev.slipway.domain.lock.Lock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;

/**
 * A service's page on the dashboard: per environment what runs and who holds it, the actions the viewer's roles allow,
 * the four delivery keys over the window and their weekly trend drawn as SVG. Reads the registry only (no target is
 * asked), so the page answers at once.
 */
@Controller
class ServicePageController {

    private final Catalog catalog;
    private final DeliveryMetrics metrics;
    private final DeploymentHistory history;
    private final Locks locks;

    ServicePageController(Catalog catalog, DeliveryMetrics metrics, DeploymentHistory history, Locks locks) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.history = history;
        this.locks = locks;
    }

    @GetMapping("/services/{service}")
    ResponseEntity<String> service(@PathVariable String service, @RequestParam Optional<String> since, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Viewer viewer = DashboardController.viewer(caller);
        Optional<Service> known = catalog.find(service);
        if (known.isEmpty()) {
            return DashboardController.html(HttpStatus.NOT_FOUND, DashboardPages.problem(viewer, "No such service",
                    "there is no service '%s'".formatted(service), "choose one of " + String.join(", ", catalog.names())));
        }
        MetricsRequest request;
        try {
            request = new MetricsRequest(Optional.of(service), Optional.empty(),
                    since.filter(s -> !s.isBlank()).map(s -> Durations.parse("since", s)).orElse(DeliveryMetrics.DEFAULT_WINDOW));
        } catch (IllegalArgumentException e) {
            return DashboardController.html(HttpStatus.BAD_REQUEST, DashboardPages.problem(viewer, "Not a window", e.getMessage(),
                    "choose 7d, 30d, 90d or 180d"));
        }
        MetricsReport report = switch (metrics.metrics(request)) {
            case QueryOutcome.Answer<MetricsReport> a -> a.value();
            case Invalid i -> null;
        };
        if (report == null) {
            return DashboardController.html(HttpStatus.BAD_REQUEST, DashboardPages.problem(viewer, "Nothing to show", "no metrics for " + service, ""));
        }
        List<Lock> held = locks.locks();
        List<ServicePages.EnvironmentPanel> panels = known.get().environments().values().stream().map(env -> {
            Optional<Deployment> current = latest(service, env.name(), Status.SETTLED);
            Optional<Deployment> active = latest(service, env.name(), Status.ACTIVE);
            Optional<Lock> lock = held.stream().filter(l -> l.key().service().equals(service) && l.key().environment().equals(env.name())).findFirst();
            return new ServicePages.EnvironmentPanel(env, current, active, lock,
                    may(caller, service, env.name(), Role.DEPLOY), may(caller, service, env.name(), Role.LOCK), may(caller, service, env.name(), Role.ROLLBACK));
        }).toList();
        return DashboardController.html(HttpStatus.OK, ServicePages.service(viewer, known.get(), panels, report));
    }

    private Optional<Deployment> latest(String service, String environment, java.util.Set<Status> statuses) {
        return switch (history.history(new HistoryRequest(Optional.of(service), Optional.of(environment), statuses, 1, Optional.empty()))) {
            case QueryOutcome.Answer<List<Deployment>> a -> a.value().stream().findFirst();
            case Invalid i -> Optional.empty();
        };
    }

    private boolean may(Caller caller, String service, String environment, Role role) {
        return catalog.access().permits(caller.actor(), service, environment, role);
    }
}

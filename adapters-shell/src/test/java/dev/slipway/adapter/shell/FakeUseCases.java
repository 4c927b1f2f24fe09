package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.lock.Lock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every inbound port at once, answering what a test scripted and remembering what it was asked. A deployment
 * outcome may carry events, which it publishes to the notifier before answering, as a real service would.
 */
final class FakeUseCases implements Deploy, PlanDeployment, Rollback, Promote, Approve, DeploymentHistory, EnvironmentStatus, Locks, DeliveryMetrics {

    final List<Object> requests = new ArrayList<>();
    private Supplier<DeploymentOutcome> deployment = () -> { throw new AssertionError("no deployment outcome scripted"); };
    private PlanOutcome plan;
    private LockOutcome lock;
    private QueryOutcome<List<Deployment>> history = new QueryOutcome.Answer<>(List.of());
    private QueryOutcome<Deployment> one;
    private QueryOutcome<List<EnvironmentState>> status = new QueryOutcome.Answer<>(List.of());
    private List<DeploymentEvent> events = List.of();
    private QueryOutcome<MetricsReport> metrics;
    private Notifier notifier = Notifier.SILENT;

    FakeUseCases answering(DeploymentOutcome outcome) {
        this.deployment = () -> outcome;
        return this;
    }

    FakeUseCases failingWith(RuntimeException failure) {
        this.deployment = () -> { throw failure; };
        return this;
    }

    FakeUseCases publishing(Notifier to, DeploymentEvent... published) {
        this.notifier = to;
        this.events = List.of(published);
        return this;
    }

    FakeUseCases planning(PlanOutcome outcome) {
        this.plan = outcome;
        return this;
    }

    FakeUseCases locking(LockOutcome outcome) {
        this.lock = outcome;
        return this;
    }

    FakeUseCases withHistory(List<Deployment> deployments) {
        this.history = new QueryOutcome.Answer<>(deployments);
        return this;
    }

    FakeUseCases showing(QueryOutcome<Deployment> outcome) {
        this.one = outcome;
        return this;
    }

    FakeUseCases withStatus(QueryOutcome<List<EnvironmentState>> outcome) {
        this.status = outcome;
        return this;
    }

    FakeUseCases withMetrics(QueryOutcome<MetricsReport> outcome) {
        this.metrics = outcome;
        return this;
    }

    @Override
    public QueryOutcome<MetricsReport> metrics(MetricsRequest request) {
        requests.add(request);
        if (metrics == null) throw new AssertionError("no metrics scripted");
        return metrics;
    }

    <T> T last(Class<T> type) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (type.isInstance(requests.get(i))) return type.cast(requests.get(i));
        }
        throw new AssertionError("no %s was asked for; asked: %s".formatted(type.getSimpleName(), requests));
    }

    private DeploymentOutcome run(Object request) {
        requests.add(request);
        events.forEach(notifier::publish);
        return deployment.get();
    }

    @Override
    public DeploymentOutcome deploy(DeployCommand command) {
        return run(command);
    }

    @Override
    public PlanOutcome plan(DeployCommand command) {
        requests.add(new Planning(command));
        return plan;
    }

    @Override
    public DeploymentOutcome rollback(RollbackCommand command) {
        return run(command);
    }

    @Override
    public DeploymentOutcome promote(PromoteCommand command) {
        return run(command);
    }

    @Override
    public PlanOutcome plan(PromoteCommand command) {
        requests.add(command);
        return plan;
    }

    @Override
    public DeploymentOutcome approve(ApproveCommand command) {
        return run(command);
    }

    @Override
    public DeploymentOutcome reject(RejectCommand command) {
        return run(command);
    }

    @Override
    public QueryOutcome<List<Deployment>> history(HistoryRequest request) {
        requests.add(request);
        return history;
    }

    @Override
    public QueryOutcome<Deployment> deployment(String id) {
        requests.add(id);
        return one;
    }

    @Override
    public QueryOutcome<List<EnvironmentState>> status(StatusRequest request) {
        requests.add(request);
        return status;
    }

    @Override
    public LockOutcome lock(LockCommand command) {
        requests.add(command);
        return lock;
    }

    @Override
    public LockOutcome unlock(UnlockCommand command) {
        requests.add(command);
        return lock;
    }

    @Override
    public List<Lock> locks() {
        return List.of();
    }

    /** A plan request, told apart from a deploy request with the same command. */
    record Planning(DeployCommand command) {}
}

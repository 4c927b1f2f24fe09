package dev.slipway.application.fakes;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory target of type {@code fake}: remembers what runs in each environment, can be told to fail the
 * roll-out of a tag (the release before it, if any, keeps serving), and can forget a release so that it can no longer
 * be restored. Each environment answers at {@code http://fake/<service>/<env>} and reports the running tag to the
 * {@link FakeHealthProbe} it is given.
 */
public final class FakeDeploymentTarget implements DeploymentTarget {

    private final FakeHealthProbe probe;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Set<String> failingTags = ConcurrentHashMap.newKeySet();
    private final Set<String> sickTags = ConcurrentHashMap.newKeySet();
    private final Set<String> goneTags = ConcurrentHashMap.newKeySet();
    private final Map<String, String> wrongVersions = new ConcurrentHashMap<>();
    private final List<String> rollouts = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<String> nextFailure = new java.util.concurrent.atomic.AtomicReference<>();

    public FakeDeploymentTarget(FakeHealthProbe probe) {
        this.probe = probe;
    }

    public FakeDeploymentTarget() {
        this(new FakeHealthProbe());
    }

    /** The roll-out of this tag fails, and the previous release keeps serving. */
    public void failRolloutOf(String tag) {
        failingTags.add(tag);
    }

    /** The next roll-out fails with this detail (a release's own output, say), whatever its tag; the previous release keeps serving. */
    public void failNextRollout(String detail) {
        nextFailure.set(detail);
    }

    /** This tag rolls out, then fails its health check. */
    public void makeSick(String tag) {
        sickTags.add(tag);
    }

    /** This tag rolls out and is healthy, but its version endpoint answers {@code reported}. */
    public void reportWrongVersion(String tag, String reported) {
        wrongVersions.put(tag, reported);
    }

    /** This tag's artifact is gone: it can no longer be restored. */
    public void forget(String tag) {
        goneTags.add(tag);
    }

    public Optional<String> runningTag(String service, String environment) {
        return Optional.ofNullable(running.get(service + "/" + environment));
    }

    /** Every roll-out in order, as {@code service/env:tag}. */
    public List<String> rollouts() {
        return new ArrayList<>(rollouts);
    }

    public static URI endpointOf(String service, String environment) {
        return URI.create("http://fake/" + service + "/" + environment);
    }

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public List<String> validate(Service service, Environment environment) {
        return List.of();
    }

    @Override
    public String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step) {
        step.report("artifact for " + release.tag());
        return "fake:" + release.tag() + "@" + release.commit().abbreviated();
    }

    @Override
    public Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step) {
        String key = service.name() + "/" + environment.name();
        rollouts.add(key + ":" + release.tag());
        String failure = nextFailure.getAndSet(null);
        if (failure != null) {
            return Rollout.failed(failure, running.containsKey(key), List.of(new DeploymentTarget.InstanceResult("fake-1", false, "exit 1")));
        }
        if (failingTags.contains(release.tag())) {
            return Rollout.failed(release.tag() + " did not start", running.containsKey(key), List.of(new DeploymentTarget.InstanceResult("fake-1", false, "exit 1")));
        }
        step.remember("instance", "fake-1");
        running.put(key, release.tag());
        URI endpoint = endpointOf(service.name(), environment.name());
        probe.reportVersion(endpoint, wrongVersions.getOrDefault(release.tag(), release.tag()));
        if (sickTags.contains(release.tag())) probe.makeSick(endpoint);
        else probe.makeHealthy(endpoint);
        return Rollout.succeeded(release.tag() + " runs", Optional.of(endpoint), List.of(new DeploymentTarget.InstanceResult("fake-1", true, "started")));
    }

    @Override
    public boolean canRestore(Service service, Environment environment, Release release) {
        return !goneTags.contains(release.tag());
    }

    @Override
    public Optional<Running> running(Service service, Environment environment) {
        return runningTag(service.name(), environment.name())
                .map(tag -> new Running(tag, Optional.of(endpointOf(service.name(), environment.name())), true, "in memory"));
    }

}

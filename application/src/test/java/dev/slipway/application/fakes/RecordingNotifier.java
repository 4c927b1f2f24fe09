package dev.slipway.application.fakes;

import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.DeploymentEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it hears, for tests to read. */
public final class RecordingNotifier implements Notifier {

    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DeploymentEvent event) {
        events.add(event);
    }

    public List<DeploymentEvent> events() {
        return List.copyOf(events);
    }

    public <T extends DeploymentEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.DeploymentEvent;

/** Tells people how a deployment goes: a Slack message, a shell progress bar, lines on a CI log. */
public interface Notifier {

    /** Must not throw: a front end that cannot show progress never stops a deployment. */
    void publish(DeploymentEvent event);

    /**
     * A request waits for the lock of {@code service}/{@code environment} before its deployment exists; said once per
     * wait. Must not throw. Front ends that show no progress ignore it.
     */
    default void waiting(String service, String environment, String message) {
    }

    Notifier SILENT = event -> { };
}

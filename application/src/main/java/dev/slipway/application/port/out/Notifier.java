package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.DeploymentEvent;

/** Tells people how a deployment goes: a Slack message, a shell progress bar, lines on a CI log. */
public interface Notifier {

    /** Must not throw: a front end that cannot show progress never stops a deployment. */
    void publish(DeploymentEvent event);

    Notifier SILENT = event -> { };
}

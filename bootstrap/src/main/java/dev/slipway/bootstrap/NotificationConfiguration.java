package dev.slipway.bootstrap;

import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.DeploymentEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.List;

/** The notifier the services talk to: it passes every event on to each front end's notifier (the terminal, later Slack). */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

    @Bean
    @Primary
    public FanOutNotifier fanOutNotifier(ObjectProvider<Notifier> notifiers) {
        return new FanOutNotifier(notifiers);
    }

    /** Publishes to every other notifier bean, in their declared order; one that throws never stops the others. */
    public static final class FanOutNotifier implements Notifier {

        private final ObjectProvider<Notifier> notifiers;
        private volatile List<Notifier> resolved;

        FanOutNotifier(ObjectProvider<Notifier> notifiers) {
            this.notifiers = notifiers;
        }

        @Override
        public void publish(DeploymentEvent event) {
            for (Notifier notifier : receivers()) {
                try {
                    notifier.publish(event);
                } catch (RuntimeException e) {
                    // The port promises that progress reporting never stops a deployment.
                }
            }
        }

        @Override
        public void waiting(String service, String environment, String message) {
            for (Notifier notifier : receivers()) {
                try {
                    notifier.waiting(service, environment, message);
                } catch (RuntimeException e) {
                    // As for publish: a front end that cannot show the wait never stops the request.
                }
            }
        }

        /** Resolved on the first event, since the front ends are created after the services that notify them. */
        private List<Notifier> receivers() {
            List<Notifier> now = resolved;
            if (now == null) {
                now = notifiers.orderedStream().filter(n -> n != this).toList();
                resolved = now;
            }
            return now;
        }
    }
}

package dev.slipway.bootstrap;

import dev.slipway.application.fakes.RecordingNotifier;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.bootstrap.NotificationConfiguration.FanOutNotifier;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutNotifierTest {

    @Test
    void passesEveryEventToEachFrontEndEvenWhenOneOfThemThrows() {
        RecordingNotifier terminal = new RecordingNotifier();
        RecordingNotifier slack = new RecordingNotifier();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean("terminal", Notifier.class, () -> terminal);
            context.registerBean("broken", Notifier.class, () -> event -> {
                throw new IllegalStateException("the terminal went away");
            });
            context.registerBean("slack", Notifier.class, () -> slack);
            context.register(NotificationConfiguration.class);
            context.refresh();
            Notifier notifier = context.getBean(Notifier.class);
            assertThat(notifier).isInstanceOf(FanOutNotifier.class);

            notifier.publish(new DeploymentEvent.DeploymentStarted(aDeployment()));
            notifier.publish(new DeploymentEvent.DeploymentFinished(aDeployment()));
        }

        assertThat(terminal.events()).hasSize(2);
        assertThat(slack.events()).hasSize(2);
    }

    private static Deployment aDeployment() {
        Release release = Release.of("hello", new Version(0, 1, 0), "0.1.0-dev", CommitId.of("0123456789abcdef0123456789abcdef01234567"));
        return Deployment.plan(DeploymentId.of("0123456789ab"), Kind.DEPLOY, release, "dev", Optional.empty(),
                Actor.of("alice", FrontEnd.CLI), "first", "", ReleaseNotes.EMPTY, Instant.parse("2026-01-01T00:00:00Z"));
    }
}

package dev.slipway.adapter.jdbc;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcConfigurationTest {

    @TempDir
    Path workingDirectory;

    @Test
    void wiresTheThreeAdaptersOnAMigratedH2FileThatOutlivesTheContext() {
        String url = JdbcProperties.DEFAULT_URL.replace("./.slipway", workingDirectory.resolve(".slipway").toString());
        FakeClock clock = new FakeClock();

        try (AnnotationConfigApplicationContext context = context(url, clock)) {
            assertThat(context.getBean(DeploymentRegistry.class)).isInstanceOf(JdbcDeploymentRegistry.class);
            context.getBean(DeploymentLocks.class).acquire(new LockKey("hello", "dev"), "process-1", "alice", "deploying", Optional.empty(), Optional.empty());
            context.getBean(AuditLog.class).record(new AuditLog.Entry(Instant.parse("2026-11-24T09:00:00Z"), Actor.SYSTEM, "lock", "hello/dev", "done", ""));
        }

        assertThat(workingDirectory.resolve(".slipway/registry.mv.db")).exists();
        try (AnnotationConfigApplicationContext reopened = context(url, clock)) {
            assertThat(reopened.getBean(RegistrySchema.class).installedVersion()).contains(RegistrySchema.NEWEST_VERSION);
            assertThat(reopened.getBean(DeploymentLocks.class).current(new LockKey("hello", "dev"))).map(l -> l.holder()).contains("process-1");
            assertThat(reopened.getBean(AuditLog.class).recent(10)).extracting(AuditLog.Entry::action).containsExactly("lock");
        }
    }

    @Test
    void createsTheDotSlipwayFolderWhenItIsMissing() {
        Path folder = workingDirectory.resolve("fresh/.slipway");
        String url = JdbcProperties.DEFAULT_URL.replace("./.slipway", folder.toString());

        try (AnnotationConfigApplicationContext context = context(url, new FakeClock())) {
            context.getBean(AuditLog.class).recent(1);
        }

        assertThat(Files.isDirectory(folder)).isTrue();
    }

    private static AnnotationConfigApplicationContext context(String url, Clock clock) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcProperties.class, () -> JdbcProperties.of(url, null));
        context.registerBean(Clock.class, () -> clock);
        context.register(JdbcConfiguration.class);
        context.refresh();
        return context;
    }
}

package dev.slipway.adapter.local;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.FakeHealthProbe;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local adapter's Spring wiring: one configuration, one target over the state directory. */
class LocalTargetConfigurationTest {

    @Test
    void buildsTheLocalTargetFromTheProbeTheClockAndTheStateDirectory() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of("slipway.state-dir", "/var/lib/slipway")));
            context.registerBean(Clock.class, () -> new FakeClock());
            context.registerBean(HealthProbe.class, () -> new FakeHealthProbe());
            context.register(LocalTargetConfiguration.class);
            context.refresh();

            DeploymentTarget target = context.getBean(DeploymentTarget.class);
            assertThat(target.type()).isEqualTo("local");
        }
    }
}

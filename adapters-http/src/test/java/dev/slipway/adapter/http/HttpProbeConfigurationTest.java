package dev.slipway.adapter.http;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP adapter's Spring wiring: one configuration, one probe. */
class HttpProbeConfigurationTest {

    @Test
    void offersTheHttpProbeAsTheHealthProbe() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Clock.class, () -> new FakeClock());
            context.register(HttpProbeConfiguration.class);
            context.refresh();

            assertThat(context.getBean(HealthProbe.class)).isInstanceOf(HttpHealthProbe.class);
        }
    }
}

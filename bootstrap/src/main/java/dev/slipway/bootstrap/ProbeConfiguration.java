package dev.slipway.bootstrap;

import dev.slipway.adapter.http.HttpHealthProbe;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.HealthCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.net.URI;

/**
 * The health probe the services and targets are given: the HTTP adapter's probe, created on the first probe. Building
 * the JDK's HTTP client loads the TLS trust store, a few hundred milliseconds that {@code status}, {@code plan} and
 * {@code history} never need.
 */
@Configuration(proxyBeanMethods = false)
public class ProbeConfiguration {

    @Bean
    @Primary
    public HealthProbe healthProbeOnFirstUse(ObjectProvider<HttpHealthProbe> http) {
        return new OnFirstUse(http);
    }

    /** Asks the container for the real probe when a deployment first verifies a release. */
    static final class OnFirstUse implements HealthProbe {

        private final ObjectProvider<HttpHealthProbe> http;

        OnFirstUse(ObjectProvider<HttpHealthProbe> http) {
            this.http = http;
        }

        @Override
        public Health probe(URI endpoint, HealthCheck check, StepContext step) {
            return http.getObject().probe(endpoint, check, step);
        }
    }
}

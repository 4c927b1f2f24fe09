package dev.slipway.adapter.local;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.HealthProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** Builds the local target over Slipway's state directory ({@code slipway.state-dir}, {@code .slipway} by default). */
@Configuration(proxyBeanMethods = false)
public class LocalTargetConfiguration {

    @Bean
    public LocalDeploymentTarget localDeploymentTarget(HealthProbe probe, Clock clock, @Value("${slipway.state-dir:.slipway}") Path stateDir) {
        return new LocalDeploymentTarget(stateDir, probe, clock);
    }
}

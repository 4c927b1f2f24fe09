package dev.slipway.bootstrap;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.configuration.SlipwayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** This process's clock and its identity as a lock holder. */
@Configuration(proxyBeanMethods = false)
public class RuntimeConfiguration {

    /** A deployment that names no --timeout may run this long before it is stopped as timed out. */
    static final Duration DEFAULT_DEPLOYMENT_TIMEOUT = Duration.ofMinutes(30);

    @Bean
    public Clock clock() {
        return new SystemClock();
    }

    @Bean
    public RunnerSettings runnerSettings(SlipwayProperties properties) {
        Duration lease = properties.locks().lease();
        if (lease == null || lease.toMillis() < 300 || lease.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationProblem("slipway.locks.lease", "must be from 300ms to 1h, such as 15s: the running process renews it every third "
                    + "of it, and a dead process's lock stays that long");
        }
        return new RunnerSettings(ProcessOwner.name(), lease, DEFAULT_DEPLOYMENT_TIMEOUT);
    }
}

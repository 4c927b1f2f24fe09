package dev.slipway.bootstrap.serve;

import dev.slipway.adapter.http.WebConfiguration;
import dev.slipway.adapter.slack.SlackConfiguration;
import dev.slipway.application.service.AbandonedDeployments;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.configuration.SlipwayProperties;
import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.adapter.jdbc.JdbcProperties;
import dev.slipway.adapter.jdbc.RegistryReachability;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * {@code slipway serve}: Spring Boot's auto-configuration (the servlet container, MVC, Jackson, Actuator, Prometheus),
 * the bounded pool every front end runs deployments on, their metrics, and the sweep that reports deployments whose
 * process died. Only serve loads this class, so the command line never starts a web server.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({WebConfiguration.class, SlackConfiguration.class})
public class ServeConfiguration {

    /** The pool Slack, the REST API and webhooks hand deployments to; its queue is bounded, a full one refuses at once. */
    @Bean(name = DeploymentWorkers.EXECUTOR, destroyMethod = "")
    public ThreadPoolExecutor deploymentExecutor(SlipwayProperties properties) {
        SlipwayProperties.Server server = properties.server();
        if (server.workers() < 1 || server.workers() > 64) throw new ConfigurationProblem("slipway.server.workers", "must be between 1 and 64, not " + server.workers());
        if (server.queue() < 0 || server.queue() > 10_000) throw new ConfigurationProblem("slipway.server.queue", "must be between 0 and 10000, not " + server.queue());
        return DeploymentWorkers.pool(server.workers(), server.queue());
    }

    @Bean
    public DeploymentWorkers deploymentWorkers(ThreadPoolExecutor deploymentExecutor, AbandonedDeployments abandoned, RunnerSettings runner,
                                               SlipwayProperties properties) {
        if (properties.server().shutdownGrace() == null || properties.server().shutdownGrace().isNegative()) {
            throw new ConfigurationProblem("slipway.server.shutdown-grace", "must be a duration of zero or more, such as 90s");
        }
        return new DeploymentWorkers(deploymentExecutor, abandoned, runner.owner(), properties.server().shutdownGrace());
    }

    @Bean
    public AbandonedSweep abandonedSweep(AbandonedDeployments abandoned, RunnerSettings runner) {
        return new AbandonedSweep(abandoned, runner.lease());
    }

    /** Named "registry": the readiness group includes it (see SlipwayApplication's serve defaults). */
    @Bean(name = "registryHealthIndicator")
    public HealthIndicator registryHealthIndicator(HikariDataSource registryDataSource, JdbcProperties properties) {
        return new RegistryReadiness(new RegistryReachability(registryDataSource, properties));
    }

    @Bean
    public DeploymentMetrics deploymentMetrics(MeterRegistry meters, ThreadPoolExecutor deploymentExecutor) {
        return new DeploymentMetrics(meters, deploymentExecutor);
    }
}

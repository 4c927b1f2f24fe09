package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * What {@code slipway serve} adds over HTTP: the REST API, the dashboard and GitHub webhooks, with the callers'
 * authentication in front of them. Imported by name by bootstrap's serve mode only; the CLI never loads it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiProperties.class, DashboardProperties.class, GitHubWebhookProperties.class})
@Import({ApiController.class, ApiErrors.class, DashboardController.class, DashboardActionsController.class, ServicePageController.class,
        GitHubWebhookController.class, ErrorAnswers.class})
public class WebConfiguration {

    /** How long a request waits for a use case's outcome before answering 202 and leaving it to run. */
    static final Duration SHORT_WAIT = Duration.ofSeconds(1);

    @Bean
    ApiTokens apiTokens(ApiProperties properties, Environment environment) {
        return new ApiTokens(properties, environment);
    }

    @Bean
    Callers callers(ApiTokens tokens, DashboardProperties dashboard, Clock clock) {
        return new Callers(tokens, dashboard, clock);
    }

    @Bean
    BackgroundDeployments backgroundDeployments(@Qualifier("deploymentExecutor") ExecutorService executor) {
        return new BackgroundDeployments(executor, SHORT_WAIT);
    }

    /** The dashboard's event stream; a {@code Notifier} bean, so the application's fan-out sends it every deployment event. */
    @Bean
    LiveDeployments liveDeployments() {
        return new LiveDeployments(Duration.ofMinutes(10));
    }

    @Bean
    GitHubSignature gitHubSignature(Environment environment, GitHubWebhookProperties properties) {
        String secret = environment.getProperty("GITHUB_WEBHOOK_SECRET");
        if (properties.enabled() && (secret == null || secret.isEmpty())) {
            throw new IllegalStateException("slipway.webhooks.github.enabled is true but GITHUB_WEBHOOK_SECRET is not set: set it to the webhook's secret");
        }
        return new GitHubSignature(secret);
    }

    /** Before anything else reads a request: no path parameters or encoded slashes, and each endpoint's body limit. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits() {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebMvcConfigurer slipwayCallers(Callers callers) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CallerInterceptor(callers));
            }
        };
    }
}

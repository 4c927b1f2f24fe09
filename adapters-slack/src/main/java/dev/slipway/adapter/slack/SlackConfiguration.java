package dev.slipway.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.MethodsConfig;
import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.in.WeeklyDigest;
import dev.slipway.application.port.out.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The Slack front end: Bolt's app with Slipway's commands and buttons, served at {@code /slack/events} (or over
 * Socket Mode), and the {@link SlackNotifier} that keeps each deployment's message live. Active only when
 * {@code slipway.slack.enabled} is true; the secrets come from the environment.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "slipway.slack.enabled")
@EnableConfigurationProperties(SlackSettings.class)
public class SlackConfiguration {

    public static final String PATH = "/slack/events";

    @Bean
    SlackSecrets slackSecrets(SlackSettings settings, Environment environment) {
        return SlackSecrets.from(environment, settings.checked());
    }

    @Bean(destroyMethod = "close")
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // Bolt's per-method call statistics start background threads and a team lookup; Slipway does not read them.
        MethodsConfig methods = new MethodsConfig();
        methods.setStatsEnabled(false);
        config.setMethodsConfig(methods);
        config.setHttpClientCallTimeoutMillis(10_000);
        return Slack.getInstance(config);
    }

    @Bean
    MethodsClient slackMethods(Slack slack, SlackSecrets secrets) {
        return slack.methods(secrets.botToken());
    }

    @Bean(destroyMethod = "close")
    SlackNotifier slackNotifier(MethodsClient slackMethods, Clock clock, SlackSettings settings) {
        return new SlackNotifier(slackMethods, clock, settings.updateInterval());
    }

    @Bean
    SlackCommands slackCommands(Deploy deploy, PlanDeployment plan, Rollback rollback, Promote promote, Approve approve, DeploymentHistory history,
                                EnvironmentStatus status, Locks locks, DeliveryMetrics metrics, MethodsClient slackMethods, Slack slack, SlackNotifier slackNotifier,
                                @Qualifier("deploymentExecutor") ExecutorService deploymentExecutor, SlackSettings settings) {
        return new SlackCommands(new SlackCommands.UseCases(deploy, plan, rollback, promote, approve, history, status, locks, metrics),
                new SlackActors(slackMethods, settings.groupRefresh()), slackNotifier, new SlackReplies(slack), deploymentExecutor, settings);
    }

    @Bean(destroyMethod = "stop")
    App slackApp(Slack slack, SlackSecrets secrets, SlackSettings settings, SlackCommands commands) {
        AppConfig config = AppConfig.builder().slack(slack).singleTeamBotToken(secrets.botToken()).signingSecret(secrets.signingSecret())
                .requestVerificationEnabled(false).build();
        // Our own middleware list replaces Bolt's defaults: the signature is checked before Bolt (in constant time, with
        // replays refused), and Bolt's per-request auth.test would put a Slack round trip in front of every ack.
        App app = new App(config, List.of(new SlackWorkspaceCheck(settings)));
        commands.register(app);
        return app.start();
    }

    @Bean
    @ConditionalOnProperty(name = "slipway.slack.mode", havingValue = "http", matchIfMissing = true)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(App slackApp, SlackSecrets secrets) {
        InstantSource clock = InstantSource.system();
        SlackEventsServlet servlet = new SlackEventsServlet(slackApp, new SlackRequestSignature(secrets.signingSecret(), clock), new SeenSignatures(clock));
        ServletRegistrationBean<SlackEventsServlet> registration = new ServletRegistrationBean<>(servlet, PATH);
        registration.setName("slackEvents");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** The weekly digest, when {@code slipway.slack.digest-channel} names a channel. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "slipway.slack.digest-channel")
    SlackDigest slackDigest(WeeklyDigest digest, MethodsClient slackMethods, SlackSettings settings, Clock clock) {
        SlackDigest poster = new SlackDigest(digest, slackMethods, settings.digest().orElseThrow(), clock);
        poster.start(java.time.Duration.ofHours(1));
        return poster;
    }

    @Bean
    @ConditionalOnProperty(name = "slipway.slack.mode", havingValue = "socket")
    SlackSocketMode slackSocketMode(App slackApp, SlackSecrets secrets) {
        return new SlackSocketMode(secrets.appToken(), slackApp);
    }
}

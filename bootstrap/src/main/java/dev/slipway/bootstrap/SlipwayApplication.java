package dev.slipway.bootstrap;

import dev.slipway.bootstrap.configuration.CatalogConfiguration;
import dev.slipway.bootstrap.configuration.ConfigurationFile;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.InvalidPathException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Slipway application: {@link #main} reads the start-up options, then runs the command line (or the interactive
 * shell) over a Spring context that wires the use cases to the adapters. No component scanning: every configuration is
 * imported by name, which keeps start-up short.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({CatalogConfiguration.class, RuntimeConfiguration.class, NotificationConfiguration.class, UseCaseConfiguration.class,
        AdapterConfiguration.class})
public class SlipwayApplication {

    private static final String STATE_DIR = "slipway.state-dir";

    public static void main(String[] args) {
        int code = new Startup(System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * The Spring application for a launch: no web server, no banner, lazy beans, the configuration file as the only
     * property file (so an application.yml in the user's directory is never read), quiet logging on stderr unless asked
     * ({@link QuietLogging}).
     */
    public static SpringApplication application(Launch launch, Class<?>... sources) {
        return application(launch, false, sources);
    }

    /** {@code serving}: the long-lived {@code slipway serve}, with a servlet container and every bean created at start. */
    static SpringApplication application(Launch launch, boolean serving, Class<?>... sources) {
        // Before Spring reads the file: its size, aliases, depth, top-level keys and names (ConfigurationProblem, exit 2).
        ConfigurationFile.check(launch.configFile());
        QuietLogging.prepare(launch, serving ? "info" : "warn");
        Class<?>[] all = new Class<?>[sources.length + 1];
        all[0] = SlipwayApplication.class;
        System.arraycopy(sources, 0, all, 1, sources.length);
        SpringApplication application = new SpringApplication(all);
        application.setWebApplicationType(serving ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // A command builds only the beans it uses; a server builds them all at start, so a bad setting stops it there.
        application.setLazyInitialization(!serving);
        // Arguments are the command's words, not Spring properties: `deploy dev --version 1.2` must not set `version`.
        application.setAddCommandLineProperties(false);
        application.setDefaultProperties(serving ? serveDefaults(launch) : defaults(launch));
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("launch", launch);
            resolveStateDirectory(context.getEnvironment(), launch);
        });
        return application;
    }

    /**
     * Relative paths in slipway.yml start at the file's folder, wherever Slipway runs from. Adapters that read
     * {@code slipway.state-dir} themselves (the local target) see it already resolved.
     */
    private static void resolveStateDirectory(ConfigurableEnvironment environment, Launch launch) {
        String configured = environment.getProperty(STATE_DIR, ".slipway");
        if (configured.isBlank()) return;
        try {
            String resolved = launch.baseDirectory().resolve(configured).toAbsolutePath().normalize().toString();
            environment.getPropertySources().addFirst(new MapPropertySource("slipway-resolved-paths", Map.of(STATE_DIR, resolved)));
        } catch (InvalidPathException e) {
            // CatalogAssembly reports the bad path with its key; here it is simply left as written.
        }
    }

    static Map<String, Object> defaults(Launch launch) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.config.location", "optional:file:" + launch.configFile());
        defaults.put("spring.main.web-application-type", "none");
        defaults.put("spring.main.banner-mode", "off");
        return defaults;
    }

    /**
     * The server's defaults (slipway.yml cannot override them: its only top-level key is slipway): the port from {@code slipway.server.port}; graceful stop;
     * liveness and readiness probes; health, info and Prometheus as the only exposed Actuator endpoints.
     */
    static Map<String, Object> serveDefaults(Launch launch) {
        Map<String, Object> defaults = defaults(launch);
        defaults.put("spring.main.web-application-type", "servlet");
        defaults.put("server.port", "${slipway.server.port:8080}");
        defaults.put("server.shutdown", "graceful");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.whitelabel.enabled", "false");
        // Forms (sign-in, the dashboard's buttons) are small; the API's, Slack's and webhooks' limits are RequestLimits'.
        defaults.put("server.tomcat.max-http-form-post-size", "64KB");
        defaults.put("spring.jmx.enabled", "false");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        // Ready only while the registry answers: a server that cannot record deployments should get no requests.
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,registry");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.metrics.tags.application", "slipway");
        return defaults;
    }

    public static ConfigurableApplicationContext start(Launch launch, Class<?>... sources) {
        return application(launch, sources).run(launch.argumentArray());
    }
}

package dev.slipway.bootstrap;

import dev.slipway.bootstrap.serve.ServeConfiguration;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code slipway serve [--port N]}: runs the Slack endpoints, REST API, dashboard and webhooks until stopped. SIGTERM
 * (systemd, ECS) stops it gracefully: no new requests, running deployments get {@code slipway.server.shutdown-grace}
 * to finish, and those that cannot are marked INTERRUPTED with their locks freed.
 */
final class Serve {

    static final String USAGE = """
            Usage: slipway serve [--port N] [--config FILE] [--verbose]

            Runs Slipway as a server: the Slack endpoints (/slack/events), the REST API (/api), the dashboard (/),
            GitHub webhooks (/webhooks/github), health (/actuator/health, /actuator/health/liveness,
            /actuator/health/readiness) and Prometheus metrics (/actuator/prometheus).

            Options:
              --port N        the HTTP port (default: slipway.server.port in slipway.yml, else 8080)
              --config FILE   the configuration (default: $SLIPWAY_CONFIG, else ./slipway.yml)
              --verbose       log what happens, with stack traces

            Secrets come from the environment only: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (and SLACK_APP_TOKEN for
            Socket Mode), GITHUB_WEBHOOK_SECRET, SLIPWAY_DB_PASSWORD, and each API token's variable.

            Examples:
              slipway serve
              SLIPWAY_DB_PASSWORD=... slipway serve --config /etc/slipway/slipway.yml --port 8080

            Exit codes: 0 stopped cleanly · 2 bad option or configuration, or the port is taken · 1 anything unexpected
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Startup startup;

    Serve(PrintStream out, PrintStream err, Startup startup) {
        this.out = out;
        this.err = err;
        this.startup = startup;
    }

    int run(Launch launch) {
        List<String> words = launch.arguments().subList(1, launch.arguments().size());
        Optional<Integer> port = Optional.empty();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--help") || word.equals("-h")) {
                out.print(USAGE);
                return Startup.OK;
            } else if (word.equals("--port") || word.startsWith("--port=")) {
                String value = word.equals("--port") ? (i + 1 < words.size() ? words.get(++i) : "") : word.substring("--port=".length());
                try {
                    int parsed = Integer.parseInt(value);
                    if (parsed < 0 || parsed > 65535) throw new NumberFormatException();
                    port = Optional.of(parsed);
                } catch (NumberFormatException e) {
                    err.println("slipway serve: --port needs a port number between 0 and 65535, not '%s'".formatted(value));
                    return Startup.BAD_INPUT;
                }
            } else {
                err.println("slipway serve: unknown option '%s'; see `slipway serve --help`".formatted(word));
                return Startup.BAD_INPUT;
            }
        }
        // A server logs what it does (INFO) unless told otherwise, and the servlet container's own logging joins it.
        Launch serving = new Launch(launch.configFile(), launch.verbose(), launch.logLevel(), List.of("serve"));
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        SpringApplication application;
        try {
            application = SlipwayApplication.application(serving, true, ServeConfiguration.class);
        } catch (RuntimeException failure) {
            return startup.explain(failure, serving);
        }
        application.addInitializers(context -> ServeSettings.check(context.getEnvironment()));
        port.ifPresent(p -> application.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("slipway-serve-options", Map.of("server.port", p)))));
        CountDownLatch closed = new CountDownLatch(1);
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) closed.countDown();
        });
        ConfigurableApplicationContext context;
        try {
            context = application.run();
        } catch (RuntimeException failure) {
            Optional<PortInUseException> taken = Startup.cause(failure, PortInUseException.class);
            if (taken.isPresent()) {
                err.println("slipway serve: port %d is already in use; stop what listens there, or choose another with --port".formatted(taken.get().getPort()));
                return Startup.BAD_INPUT;
            }
            return startup.explain(failure, serving);
        }
        int listening = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
        out.println("slipway serve: listening on port %d (configuration %s); stop with Ctrl-C or SIGTERM".formatted(listening, serving.configFile()));
        out.flush();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
        }
        return Startup.OK;
    }
}

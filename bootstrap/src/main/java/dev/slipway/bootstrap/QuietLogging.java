package dev.slipway.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Locale;

/**
 * Slipway's logging, set up in code when Logback starts (found through {@code META-INF/services}): one appender on
 * stderr, because stdout carries command results that scripts read, and WARN unless {@code --verbose} or
 * {@code SLIPWAY_LOG} asks for more. Spring Boot's own logging system is switched off: parsing an XML configuration
 * and re-initialising Logback cost a few hundred milliseconds of every command.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class QuietLogging extends ContextAwareBase implements Configurator {

    /** System property holding the root level ({@code warn} unless asked); set by start-up before anything logs. */
    static final String LEVEL = "slipway.log.level";
    /** System property set to {@code true} under {@code --verbose} or {@code SLIPWAY_LOG}: nothing is silenced then. */
    static final String EXPLICIT = "slipway.log.explicit";

    /** Switches Spring Boot's logging system off and says how much to log; call before the first logger exists. */
    static void prepare(Launch launch) {
        prepare(launch, "warn");
    }

    /** {@code usualLevel}: what a run logs when nobody asks for more (a server reports what it does at info). */
    static void prepare(Launch launch, String usualLevel) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        System.setProperty(LEVEL, launch.logLevel().orElse(launch.verbose() ? "info" : usualLevel));
        System.setProperty(EXPLICIT, Boolean.toString(launch.verbose() || launch.logLevel().isPresent()));
        if (launch.verbose() && launch.logLevel().isEmpty()) System.setProperty(LEVEL + ".slipway", "debug");
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL, "warn").toUpperCase(Locale.ROOT), Level.WARN));
        String slipway = System.getProperty(LEVEL + ".slipway");
        if (slipway != null) context.getLogger("dev.slipway").setLevel(Level.toLevel(slipway.toUpperCase(Locale.ROOT), Level.DEBUG));
        if (!Boolean.getBoolean(EXPLICIT)) {
            // Start-up failures are explained by Startup in a sentence; Spring's reports would repeat them with a trace.
            context.getLogger("org.springframework.boot.SpringApplication").setLevel(Level.OFF);
            context.getLogger("org.springframework.boot.diagnostics").setLevel(Level.OFF);
            context.getLogger("org.springframework.context.annotation.AnnotationConfigApplicationContext").setLevel(Level.ERROR);
            // Flyway warns that H2 is newer than the versions it was verified with: true, and nothing a user can act on.
            context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

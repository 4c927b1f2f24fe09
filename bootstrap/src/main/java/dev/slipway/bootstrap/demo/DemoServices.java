package dev.slipway.bootstrap.demo;

import dev.slipway.adapter.shell.ShellSession;
import dev.slipway.adapter.shell.TerminalNotifier;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.SlipwayApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real use cases over the real adapters, in this process, for the demo's configuration; the steps of each
 * deployment show on the demo's output as they happen, through the shell's {@link TerminalNotifier}.
 */
final class DemoServices implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ConfigurableApplicationContext context;
    /** Ctrl-C during the demo must not leave its service running: releases live in their own session, out of its reach. */
    private final Thread stopOnInterrupt = new Thread(this::stopReleases, "slipway-demo-stop");

    private DemoServices(ConfigurableApplicationContext context) {
        this.context = context;
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
    }

    /** Starts the services for {@code launch}; deployment steps show on {@code progress}. */
    static DemoServices start(Launch launch, PrintStream progress) {
        ShellSession session = ShellSession.ofSystem();
        session.headless(new PrintWriter(progress, true), progress.charset());
        TerminalNotifier notifier = new TerminalNotifier(session);
        SpringApplication application = SlipwayApplication.application(launch);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("terminalNotifier", notifier));
        return new DemoServices(application.run());
    }

    Deploy deploy() {
        return context.getBean(Deploy.class);
    }

    Rollback rollback() {
        return context.getBean(Rollback.class);
    }

    DeploymentHistory history() {
        return context.getBean(DeploymentHistory.class);
    }

    EnvironmentStatus status() {
        return context.getBean(EnvironmentStatus.class);
    }

    /**
     * Stops the releases this process started and that still run: SIGTERM, then SIGKILL after a grace period. They are
     * this JVM's descendants (the local target starts them through setsid, which keeps them its children).
     */
    int stopReleases() {
        List<ProcessHandle> running = releases();
        running.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : running) {
            try {
                process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
        return running.size();
    }

    /** How to stop what keeps running once the demo is over. */
    Optional<String> describeHowToStop() {
        List<ProcessHandle> running = releases();
        if (running.isEmpty()) return Optional.empty();
        return Optional.of("kill " + running.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(" ")));
    }

    private static List<ProcessHandle> releases() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping; the hook does its work
        }
        context.close();
    }
}

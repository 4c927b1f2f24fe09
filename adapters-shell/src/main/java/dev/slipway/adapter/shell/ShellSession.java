package dev.slipway.adapter.shell;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import org.jline.terminal.Terminal;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the commands and the progress renderer need to know about the run they are part of: headless (CI, scripts:
 * results on stdout, progress and errors on stderr, never a prompt) or interactive (one terminal for everything),
 * who the actor is, and the time zone people read times in.
 */
public final class ShellSession {

    /** The environment variable that names the actor; CI sets it to the person or pipeline behind a run. */
    public static final String ACTOR_VARIABLE = "SLIPWAY_ACTOR";

    private final UnaryOperator<String> environment;
    private final String osUser;
    private final ZoneId zone;
    private volatile boolean interactive;
    private volatile PrintWriter errors = new PrintWriter(System.err, true);
    private volatile Charset errorsCharset = System.err.charset();
    private volatile Terminal terminal;
    private volatile Progress progress = Progress.PLAIN;
    /** The deployment this process runs right now, as its events tell; null when none. */
    private volatile String running;

    /**
     * How a headless run shows a deployment's progress on stderr: {@code plain} lines for people reading a CI log, or
     * {@code json}, one JSON object per line (NDJSON) per step event, for tools.
     */
    public enum Progress {
        PLAIN, JSON;

        static Progress parse(String text) {
            return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "plain" -> PLAIN;
                case "json" -> JSON;
                default -> throw new UsageError("--progress must be plain or json, not '%s'".formatted(text));
            };
        }
    }

    /** {@code environment} looks up environment variables, {@code osUser} is the operating system's user name. */
    public ShellSession(UnaryOperator<String> environment, String osUser, ZoneId zone) {
        this.environment = environment;
        this.osUser = osUser;
        this.zone = zone;
    }

    public static ShellSession ofSystem() {
        return new ShellSession(System::getenv, System.getProperty("user.name"), ZoneId.systemDefault());
    }

    /**
     * From now on results go to stdout and progress and errors to {@code errors}, whose {@code charset} says whether
     * it can show marks such as ✓; nobody is asked anything.
     */
    public void headless(PrintWriter errors, Charset charset) {
        this.interactive = false;
        this.terminal = null;
        this.errors = errors;
        this.errorsCharset = charset;
        this.progress = Progress.PLAIN;
    }

    /** From now on everything goes to the terminal, and people may be asked to confirm. */
    public void interactive(Terminal terminal) {
        this.terminal = terminal;
        this.errors = terminal.writer();
        this.errorsCharset = terminal.encoding();
        this.interactive = true;
    }

    /** How progress is shown when headless; plain unless {@code --progress json} was given. */
    public Progress progress() {
        return progress;
    }

    void progress(Progress format) {
        this.progress = format;
    }

    public boolean isInteractive() {
        return interactive;
    }

    /** The terminal of an interactive session; empty when headless. */
    public Optional<Terminal> terminal() {
        return Optional.ofNullable(terminal);
    }

    /** Where progress and error messages go: stderr when headless, the terminal when interactive. */
    public PrintWriter errors() {
        return errors;
    }

    /** The encoding of {@link #errors()}. */
    public Charset errorsCharset() {
        return errorsCharset;
    }

    /** Told by the notifier when a deployment of this process starts ({@code id}) and ends (null). */
    void running(String id) {
        this.running = id;
    }

    /**
     * Runs one command of the interactive shell so that Ctrl-C returns to the prompt instead of ending the shell. Before
     * any deployment started (waiting for a lock, planning, asking) the command is interrupted and {@code cancelled}
     * says so; once a deployment runs it goes on in the background and {@code detached} says how to follow it.
     */
    <T> T cancellable(java.util.function.Supplier<T> command, java.util.function.Function<Optional<String>, T> stopped) {
        Terminal shown = terminal;
        if (shown == null) return command.get();
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        running = null;
        Thread worker = Thread.ofPlatform().name("slipway command").daemon(true).start(() -> {
            try {
                result.complete(command.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        Terminal.SignalHandler before = shown.handle(Terminal.Signal.INT, signal -> interrupted.countDown());
        try {
            while (!result.isDone()) {
                if (interrupted.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    String deployment = running;
                    if (deployment != null) return stopped.apply(Optional.of(deployment));
                    interruptWhileWaiting(worker);
                    try {
                        result.get(3, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillGoing) {
                        // said below either way
                    }
                    return stopped.apply(Optional.empty());
                }
            }
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped.apply(Optional.ofNullable(running));
        } finally {
            shown.handle(Terminal.Signal.INT, before);
        }
    }

    /**
     * Interrupts the command's thread only while it sleeps between polls (a wait for the lock), never in the middle of
     * the registry's file I/O, which an interrupt would break; gives up after two seconds.
     */
    private static void interruptWhileWaiting(Thread worker) throws InterruptedException {
        for (int tries = 0; tries < 400 && worker.isAlive(); tries++) {
            if (worker.getState() == Thread.State.TIMED_WAITING) {
                worker.interrupt();
                return;
            }
            Thread.sleep(5);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** Who asks: {@code SLIPWAY_ACTOR} when set, otherwise the operating system's user, through the CLI or the shell. */
    public Actor actor() {
        String named = environment.apply(ACTOR_VARIABLE);
        String id = named != null && !named.isBlank() ? named.strip() : osUser;
        if (id == null || id.isBlank()) {
            throw new UsageError("nobody to act as: set %s to the name of whoever runs this".formatted(ACTOR_VARIABLE));
        }
        try {
            return Actor.of(id, interactive ? FrontEnd.SHELL : FrontEnd.CLI);
        } catch (IllegalArgumentException unusable) {
            throw new UsageError("%s or the user name cannot name an actor: %s".formatted(ACTOR_VARIABLE, unusable.getMessage()));
        }
    }
}

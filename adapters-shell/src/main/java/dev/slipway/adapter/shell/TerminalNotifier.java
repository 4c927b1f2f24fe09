package dev.slipway.adapter.shell;

import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.DeploymentEvent.DeploymentFinished;
import dev.slipway.domain.deployment.DeploymentEvent.DeploymentStarted;
import dev.slipway.domain.deployment.DeploymentEvent.StepFinished;
import dev.slipway.domain.deployment.DeploymentEvent.StepProgressed;
import dev.slipway.domain.deployment.DeploymentEvent.StepStarted;
import dev.slipway.domain.deployment.Step;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a running deployment in the terminal. Headless, one line per step event on stderr, for CI logs:
 * {@code [12:00:01] roll-out ✓ 0.1.1-dev runs (3.2s)} followed by what the step journaled, or with {@code --progress json}
 * one JSON object per event and line (NDJSON). Interactive, a live step list: finished steps stay as lines,
 * the running one is redrawn in place with a spinner, a progress bar when the step reports how far it is, and the
 * time it has taken so far.
 */
public final class TerminalNotifier implements Notifier {

    private static final long TICK_MILLIS = 200;
    private static final int BAR = 24;

    private final ShellSession session;
    private final DateTimeFormatter clock;
    private final Object screen = new Object();
    private ScheduledExecutorService ticker;
    private Live live;
    private String lastProgress;

    public TerminalNotifier(ShellSession session) {
        this.session = session;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(session.zone());
    }

    @Override
    public void publish(DeploymentEvent event) {
        if (event instanceof DeploymentEvent.DeploymentStarted started) session.running(started.deployment().id().value());
        if (event instanceof DeploymentEvent.DeploymentFinished) session.running(null);
        try {
            synchronized (screen) {
                Terminal terminal = session.terminal().orElse(null);
                if (terminal == null && session.progress() == ShellSession.Progress.JSON) {
                    ndjson(event, session.errors());
                } else if (terminal == null) {
                    headless(event, session.errors());
                } else if (isDumb(terminal)) {
                    plain(event, terminal);
                } else {
                    live(event, terminal);
                }
            }
        } catch (RuntimeException ignored) {
            // A terminal that cannot show progress must never stop a deployment (the Notifier contract).
        }
    }

    @Override
    public void waiting(String service, String environment, String message) {
        try {
            synchronized (screen) {
                Terminal terminal = session.terminal().orElse(null);
                PrintWriter out = terminal == null ? session.errors() : terminal.writer();
                out.println(terminal == null ? "[%s] %s".formatted(time(Instant.now()), message) : message);
                out.flush();
            }
        } catch (RuntimeException ignored) {
            // As for publish: a terminal that cannot show the wait must never stop the request.
        }
    }

    // ---- headless: one line per event, for logs ----

    private void headless(DeploymentEvent event, PrintWriter out) {
        Symbols symbols = Symbols.of(session.errorsCharset());
        String line = switch (event) {
            case DeploymentStarted started -> "[%s] %s".formatted(time(started.deployment().updatedAt()), opening(started.deployment()));
            case StepStarted started -> {
                lastProgress = null;
                yield "[%s] %s started".formatted(time(startOf(started)), started.step());
            }
            case StepFinished finished -> "[%s] %s%s".formatted(time(finished.step().finishedAt().orElse(finished.deployment().updatedAt())),
                    finishedStep(finished.step(), symbols), details(finished.step()));
            case DeploymentFinished finished -> "[%s] %s".formatted(time(finished.deployment().finishedAt().orElse(finished.deployment().updatedAt())),
                    closing(finished.deployment()));
            case StepProgressed progressed -> {
                // What a step says while it waits (a build's link, an image poll, an instance's answer), once per change.
                String said = progressed.message() + (progressed.fraction() >= 0 ? " (%d%%)".formatted(percent(progressed.fraction())) : "");
                if (progressed.message().isBlank() || said.equals(lastProgress)) yield null;
                lastProgress = said;
                yield "[%s]   %s: %s".formatted(time(progressed.deployment().updatedAt()), progressed.step(), said);
            }
        };
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    /** What the step journaled (instance results, command, deployment and build ids), one indented line per key. */
    private static String details(Step step) {
        if (step.state().isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(step.state()).forEach((key, value) -> out.append("\n    ").append(key).append(": ").append(value));
        return out.toString();
    }

    // ---- headless with --progress json: one JSON object per event and line (NDJSON), for tools ----

    private void ndjson(DeploymentEvent event, PrintWriter out) {
        Deployment d = event.deployment();
        java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("schemaVersion", dev.slipway.application.presentation.DeploymentDocument.SCHEMA_VERSION);
        switch (event) {
            case DeploymentStarted started -> {
                line.put("event", "deployment_started");
                line.put("at", d.updatedAt().toString());
            }
            case StepStarted started -> {
                line.put("event", "step_started");
                line.put("at", startOf(started).toString());
                line.put("step", started.step());
                line.put("status", "running");
            }
            case StepProgressed progressed -> {
                line.put("event", "step_progressed");
                line.put("at", d.updatedAt().toString());
                line.put("step", progressed.step());
                line.put("status", "running");
                line.put("message", progressed.message());
                line.put("fraction", progressed.fraction() >= 0 ? progressed.fraction() : null);
            }
            case StepFinished finished -> {
                Step step = finished.step();
                line.put("event", "step_finished");
                line.put("at", step.finishedAt().orElse(d.updatedAt()).toString());
                line.put("step", step.name());
                line.put("status", dev.slipway.application.presentation.Words.word(step.status()));
                line.put("message", step.detail());
                line.put("durationSeconds", step.elapsed().map(took -> took.toMillis() / 1000.0).orElse(null));
                line.put("details", new java.util.TreeMap<>(step.state()));
            }
            case DeploymentFinished finished -> {
                line.put("event", "deployment_finished");
                line.put("at", d.finishedAt().orElse(d.updatedAt()).toString());
                line.put("status", dev.slipway.application.presentation.Words.word(d.status()));
                line.put("message", closing(d));
            }
        }
        line.put("deployment", d.id().value());
        line.put("service", d.service());
        line.put("environment", d.environment());
        line.put("tag", d.release().tag());
        out.println(JsonWriter.line(line));
        out.flush();
    }

    // ---- interactive on a terminal without cursor control: lines only ----

    private void plain(DeploymentEvent event, Terminal terminal) {
        Symbols symbols = Symbols.of(terminal.encoding());
        String line = switch (event) {
            case DeploymentStarted started -> opening(started.deployment());
            case StepStarted started -> {
                lastProgress = null;
                yield "  " + started.step() + " ...";
            }
            case StepProgressed progressed -> {
                String said = progressed.message() + (progressed.fraction() >= 0 ? " (%d%%)".formatted(percent(progressed.fraction())) : "");
                if (said.equals(lastProgress) || progressed.message().isBlank()) yield null;
                lastProgress = said;
                yield "    " + said;
            }
            case StepFinished finished -> "  " + finishedStep(finished.step(), symbols);
            case DeploymentFinished ignored -> null;
        };
        if (line != null) {
            terminal.writer().println(line);
            terminal.flush();
        }
    }

    // ---- interactive: a live step list ----

    private void live(DeploymentEvent event, Terminal terminal) {
        Symbols symbols = Symbols.of(terminal.encoding());
        switch (event) {
            case DeploymentStarted started -> {
                settle(terminal);
                AttributedStringBuilder header = new AttributedStringBuilder().style(AttributedStyle.BOLD).append(opening(started.deployment()));
                terminal.writer().println(header.toAnsi(terminal));
            }
            case StepStarted started -> {
                settle(terminal);
                live = new Live(started.step(), System.nanoTime());
                startTicking();
            }
            case StepProgressed progressed -> {
                if (live != null && live.step.equals(progressed.step())) {
                    live.message = progressed.message();
                    live.fraction = progressed.fraction();
                }
            }
            case StepFinished finished -> {
                if (live != null && live.step.equals(finished.step().name())) live = null;
                settle(terminal);
                Step step = finished.step();
                AttributedStyle style = switch (step.status()) {
                    case SUCCEEDED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
                    case FAILED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
                    case SKIPPED, RUNNING -> AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);
                };
                terminal.writer().println(new AttributedStringBuilder().append("  ").style(style)
                        .append(finishedStep(step, symbols)).toAnsi(terminal));
            }
            case DeploymentFinished ignored -> {
                live = null;
                settle(terminal);
            }
        }
        draw(terminal, symbols);
        terminal.flush();
    }

    /** Clears the line the running step is drawn on, so the next line starts clean. */
    private void settle(Terminal terminal) {
        terminal.writer().print("\r\033[2K");
    }

    private void draw(Terminal terminal, Symbols symbols) {
        if (live == null) return;
        long elapsed = (System.nanoTime() - live.startedNanos) / 1_000_000;
        AttributedStringBuilder line = new AttributedStringBuilder().append("  ")
                .style(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN))
                .append(symbols.spinner[(int) ((elapsed / TICK_MILLIS) % symbols.spinner.length)])
                .style(AttributedStyle.DEFAULT).append(' ').append(live.step);
        if (live.fraction >= 0) {
            int filled = (int) Math.round(Math.min(1, live.fraction) * BAR);
            line.append("  [").append(symbols.full.repeat(filled)).append(symbols.empty.repeat(BAR - filled)).append("] ")
                    .append("%3d%%".formatted(percent(live.fraction)));
        }
        if (live.message != null && !live.message.isBlank()) line.append("  ").append(live.message);
        line.style(AttributedStyle.DEFAULT.faint()).append("  ").append(Durations.format(Duration.ofMillis(elapsed - elapsed % 100)));
        int width = terminal.getWidth() > 1 ? terminal.getWidth() - 1 : 79;
        terminal.writer().print("\r\033[2K" + line.toAttributedString().columnSubSequence(0, width).toAnsi(terminal));
    }

    private void startTicking() {
        if (ticker != null) return;
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "slipway-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            synchronized (screen) {
                Terminal terminal = session.terminal().orElse(null);
                if (live == null || terminal == null) return;
                draw(terminal, Symbols.of(terminal.encoding()));
                terminal.flush();
            }
        } catch (RuntimeException ignored) {
            // The spinner is decoration; a terminal that went away stops it from being drawn, nothing else.
        }
    }

    // ---- words ----

    private static String opening(Deployment d) {
        String verb = switch (d.kind()) {
            case DEPLOY -> "deploying";
            case REDEPLOY -> "redeploying";
            case ROLLBACK -> "rolling back to";
            case PROMOTE -> "promoting";
        };
        return "%s %s %s to %s (deployment %s, by %s)".formatted(verb, d.service(), d.release().tag(), d.environment(), d.id(), d.requestedBy().id());
    }

    private static String closing(Deployment d) {
        return "%s: %s%s".formatted(PlainText.subject(d), PlainText.status(d.status()),
                d.duration().map(took -> " (" + Durations.format(took) + ")").orElse(""));
    }

    private static String finishedStep(Step step, Symbols symbols) {
        String mark = switch (step.status()) {
            case SUCCEEDED -> symbols.succeeded;
            case FAILED -> symbols.failed;
            case SKIPPED -> symbols.skipped;
            case RUNNING -> "...";
        };
        String detail = step.detail().isBlank() ? "" : " " + step.detail();
        return "%s %s%s%s".formatted(step.name(), mark, detail, step.elapsed().map(took -> " (" + Durations.format(took) + ")").orElse(""));
    }

    private static Instant startOf(StepStarted started) {
        return started.deployment().step(started.step()).map(Step::startedAt).orElse(started.deployment().updatedAt());
    }

    private String time(Instant at) {
        return clock.format(at);
    }

    private static int percent(double fraction) {
        return (int) Math.round(Math.min(1, fraction) * 100);
    }

    private static boolean isDumb(Terminal terminal) {
        return terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
    }

    /** The step being drawn, with what it last said. */
    private static final class Live {
        final String step;
        final long startedNanos;
        String message;
        double fraction = -1;

        Live(String step, long startedNanos) {
            this.step = step;
            this.startedNanos = startedNanos;
        }
    }

    /** Marks in Unicode where the output's encoding has them, in ASCII otherwise (a CI runner with LANG=C). */
    private record Symbols(String succeeded, String failed, String skipped, String full, String empty, String[] spinner) {

        private static final Symbols UNICODE = new Symbols("✓", "✗", "–", "█", "░", new String[] {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"});
        private static final Symbols ASCII = new Symbols("ok", "FAILED", "skipped", "#", "-", new String[] {"|", "/", "-", "\\"});

        static Symbols of(Charset charset) {
            return charset != null && charset.newEncoder().canEncode("✓✗–█░⠋") ? UNICODE : ASCII;
        }
    }
}

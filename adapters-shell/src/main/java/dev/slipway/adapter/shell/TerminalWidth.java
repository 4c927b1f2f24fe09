package dev.slipway.adapter.shell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How wide a headless command's tables may be: the terminal's width when stdout is a terminal (so `slipway show` fits
 * the window), unlimited when it is a pipe or a file (so scripts read whole values). The width comes from
 * {@code COLUMNS}, else from {@code stty size} run on {@code /dev/tty} (fixed words, no shell), else 100.
 */
final class TerminalWidth {

    static final int FALLBACK = 100;

    private TerminalWidth() {
    }

    static int ofStdout() {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) return TextTable.UNLIMITED;
        return of(System.getenv());
    }

    /** The width of the terminal this process writes to; {@code environment} may say it with COLUMNS. */
    static int of(Map<String, String> environment) {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            if (columns > 20) return columns;
        } catch (NumberFormatException notSet) {
            // ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (stty.waitFor(500, TimeUnit.MILLISECONDS) && stty.exitValue() == 0) {
                String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
                int columns = size.length == 2 ? Integer.parseInt(size[1]) : 0;
                if (columns > 20) return columns;
            } else {
                stty.destroy();
            }
        } catch (IOException | NumberFormatException e) {
            // no terminal to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}

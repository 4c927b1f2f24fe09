package dev.slipway.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One finished process: its exit code and what it printed on stdout and stderr, each read whole. */
record Run(int exitCode, String out, String err) {

    /** Runs a command in a folder with exactly the environment given (nothing inherited) and waits for it. */
    static Run of(Path directory, Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("slipway-run", ".out");
        Path err = Files.createTempFile("slipway-run", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            // A bound, not a timing assertion: a hung JVM fails the test instead of hanging the build.
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish within 3 minutes: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}

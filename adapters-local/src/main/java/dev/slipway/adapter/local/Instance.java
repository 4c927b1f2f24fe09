package dev.slipway.adapter.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One started release process as the state files record it. {@code started} is the process's start instant, which
 * tells it apart from a later process that got the same pid; it is empty when the system did not say.
 */
record Instance(String tag, long pid, Optional<Instant> started, int port, Path log) {

    Instance {
        started = started == null ? Optional.empty() : started;
    }

    /** The live process this instance still is, if it runs: same pid and same start instant. */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(Instance::runs)
                .filter(handle -> started.isEmpty() || handle.info().startInstant().map(started.get()::equals).orElse(true));
    }

    /**
     * Whether the process runs. The JDK counts a zombie as alive, and a release whose parent does not reap it (a
     * container whose first process is not an init) stays a zombie after it exits.
     */
    static boolean runs(ProcessHandle process) {
        if (!process.isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')') + 2;
            return afterName >= 2 && afterName < stat.length() ? stat.charAt(afterName) != 'Z' : process.isAlive();
        } catch (IOException e) {
            // No /proc (not Linux) or the process just went: the JDK's answer is the best there is.
            return process.isAlive();
        }
    }

    void writeTo(Properties properties, String prefix) {
        properties.setProperty(prefix + "tag", tag);
        properties.setProperty(prefix + "pid", Long.toString(pid));
        started.ifPresent(at -> properties.setProperty(prefix + "started", at.toString()));
        properties.setProperty(prefix + "port", Integer.toString(port));
        properties.setProperty(prefix + "log", log.toString());
    }

    /** The instance under {@code prefix}, or empty when there is none; refuses a record it cannot read. */
    static Optional<Instance> readFrom(Properties properties, String prefix) {
        String tag = properties.getProperty(prefix + "tag");
        if (tag == null) return Optional.empty();
        return Optional.of(new Instance(
                tag,
                Long.parseLong(required(properties, prefix + "pid")),
                Optional.ofNullable(properties.getProperty(prefix + "started")).map(Instant::parse),
                Integer.parseInt(required(properties, prefix + "port")),
                Path.of(required(properties, prefix + "log"))));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) throw new IllegalArgumentException("'%s' is missing".formatted(key));
        return value;
    }
}

package dev.slipway.adapter.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What one environment of the local target runs, kept in a small properties file between CLI invocations:
 * the current instance (if any), the instance that ran before it, and the tags rolled out there, newest first.
 */
record RunState(Optional<Instance> current, Optional<Instance> previous, List<String> history) {

    static final RunState EMPTY = new RunState(Optional.empty(), Optional.empty(), List.of());
    private static final String CURRENT = "";
    private static final String PREVIOUS = "previous.";

    RunState {
        current = current == null ? Optional.empty() : current;
        previous = previous == null ? Optional.empty() : previous;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** This state with {@code tag} first in the history (moved there if it was already in it). */
    RunState attempted(String tag) {
        List<String> tags = new ArrayList<>(history);
        tags.remove(tag);
        tags.addFirst(tag);
        return new RunState(current, previous, tags);
    }

    /** This state once {@code started} serves: what ran before becomes the previous release. */
    RunState switchedTo(Instance started) {
        Optional<Instance> before = current.filter(instance -> !instance.tag().equals(started.tag())).or(() -> previous);
        return new RunState(Optional.of(started), before, attempted(started.tag()).history);
    }

    RunState withHistory(List<String> tags) {
        return new RunState(current, previous, tags);
    }

    /** The state in {@code file}, or the empty state when there is no file. */
    static RunState read(Path file) throws IOException {
        Properties properties = load(file);
        if (properties == null) return EMPTY;
        try {
            String tags = properties.getProperty("history", "");
            return new RunState(
                    Instance.readFrom(properties, CURRENT),
                    Instance.readFrom(properties, PREVIOUS),
                    tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException("%s is damaged (%s); move it away to start the environment afresh".formatted(file, e.getMessage()), e);
        }
    }

    /** Writes the state so that a reader sees either the old file or the new one, never half of it. */
    void write(Path file) throws IOException {
        Properties properties = new Properties();
        current.ifPresent(instance -> instance.writeTo(properties, CURRENT));
        previous.ifPresent(instance -> instance.writeTo(properties, PREVIOUS));
        properties.setProperty("history", String.join(",", history));
        store(properties, file);
    }

    /** The instance a roll-out started and has not settled yet, recorded so that a later run can stop it after a crash. */
    static Optional<Instance> readStarting(Path file) throws IOException {
        Properties properties = load(file);
        if (properties == null) return Optional.empty();
        try {
            return Instance.readFrom(properties, CURRENT);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException("%s is damaged (%s); stop the process it names by hand and delete it".formatted(file, e.getMessage()), e);
        }
    }

    static void writeStarting(Instance instance, Path file) throws IOException {
        Properties properties = new Properties();
        instance.writeTo(properties, CURRENT);
        store(properties, file);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return null;
        }
        return properties;
    }

    private static void store(Properties properties, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "slipway local target; written by slipway, read by slipway");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

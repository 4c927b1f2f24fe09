package dev.slipway.bootstrap.configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Slipway's own files are readable by the user that runs it and nobody else: the state directory 0700, the registry's
 * files and the logs 0600. On a file system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates the state directory when it is missing, and makes it (and the registry files in it) private. */
    public static Path stateDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationProblem("slipway.state-dir", "cannot create %s: %s".formatted(directory, e.getMessage()));
        }
        tighten(directory);
        return directory;
    }

    /** The directory 0700; the registry files directly in it 0600. */
    public static void tighten(Path directory) {
        if (!posix(directory)) return;
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("registry") && Files.isRegularFile(f)).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make %s private: %s".formatted(directory, e.getMessage()), e);
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}

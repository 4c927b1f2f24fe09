package dev.slipway.bootstrap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's AOT cache that {@code ./slipway} prepares after each build: the read-only commands
 * people run most ({@code status}, {@code plan}, {@code history}, {@code lock}/{@code unlock}, {@code help}), one after
 * another in this one JVM, against a scratch git repository and registry, so that the classes and profiles of all of
 * them land in the cache. Not a command of Slipway: {@code java -XX:AOTCacheOutput=... -cp slipway.jar} runs it.
 */
public final class AotTraining {

    private static final PersonIdent AUTHOR = new PersonIdent("Slipway", "training@slipway.invalid");

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(train() == 0 ? 0 : 1);
    }

    /** Runs every training command; answers how many of them did not end as expected. */
    static int train() throws IOException {
        Path scratch = Files.createTempDirectory("slipway-aot-training-");
        int failures = 0;
        try {
            Path config = prepare(scratch);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Startup startup = new Startup(discard, System.err, Map.of());
            for (List<String> command : List.of(List.of("status"), List.of("plan", "dev"), List.of("history", "dev"),
                    List.of("lock", "dev", "--reason", "training"), List.of("unlock", "dev"), List.of("status", "--output", "json"),
                    List.of("plan", "dev", "--output", "json"), List.of("help"))) {
                List<String> words = new ArrayList<>(List.of("--config", config.toString()));
                words.addAll(command);
                // Commands print their results on System.out; the training has no reader for them.
                PrintStream out = System.out;
                System.setOut(discard);
                int code;
                try {
                    code = startup.run(words.toArray(String[]::new));
                } finally {
                    System.setOut(out);
                }
                if (code != 0 && code != 3) {
                    System.err.println("training: slipway " + String.join(" ", command) + " ended with exit code " + code);
                    failures++;
                }
            }
        } finally {
            delete(scratch);
        }
        return failures;
    }

    private static Path prepare(Path scratch) throws IOException {
        Path repository = Files.createDirectories(scratch.resolve("service"));
        Files.writeString(repository.resolve("app.py"), "print('hello')\n");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("dev").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Say hello").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("git could not create the training repository: " + e.getMessage(), e);
        }
        Path config = scratch.resolve("slipway.yml");
        Files.writeString(config, """
                slipway:
                  state-dir: state
                  services:
                    hello:
                      repository: service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: 18999 }
                          health: { path: /health, version-path: /version }
                """);
        return config;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a scratch directory left in the temp folder is harmless
        }
    }
}

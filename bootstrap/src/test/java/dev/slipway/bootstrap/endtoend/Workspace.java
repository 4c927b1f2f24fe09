package dev.slipway.bootstrap.endtoend;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch directory for one end-to-end test: a git working copy of the hello service on branch {@code dev}, a
 * slipway.yml, and the real Slipway jar run as a separate process with the JDK that runs the tests. Closing it kills
 * every process still working in the directory (the CLIs it started and the releases they left running) and deletes it.
 */
final class Workspace implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("End-to-end test", "e2e@slipway.invalid");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path root;
    private final Path repository;
    private final Path config;
    /** Every command started, with the files its stdout and stderr go to. */
    private final Map<Process, Path[]> started = new ConcurrentHashMap<>();

    private Workspace(Path root) {
        this.root = root;
        this.repository = root.resolve("hello-service");
        this.config = root.resolve("slipway.yml");
    }

    /** A new workspace whose repository holds the hello service in one commit on branch dev. */
    static Workspace create() {
        Workspace workspace;
        try {
            workspace = new Workspace(Files.createTempDirectory("slipway-e2e-").toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(workspace.repository);
            for (String file : List.of("app.py", "README.md")) {
                try (InputStream in = Workspace.class.getResourceAsStream("/demo/hello-service/" + file)) {
                    if (in == null) throw new IllegalStateException("the hello service's " + file + " is not on the test class path");
                    Files.copy(in, workspace.repository.resolve(file));
                }
            }
            try (Git git = Git.init().setDirectory(workspace.repository.toFile()).setInitialBranch("dev").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("Say hello").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
            }
            return workspace;
        } catch (IOException | GitAPIException | RuntimeException e) {
            workspace.close();
            throw new IllegalStateException("could not set up the test's git repository: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** Writes slipway.yml; {@code yaml} is the text below {@code slipway:}'s services, with the repository set. */
    Workspace configure(String yaml) {
        write(config, yaml);
        return this;
    }

    /** Writes (or with null content, deletes) a file in the repository and commits it on the current branch. */
    Workspace commit(String file, String content, String message) {
        Path path = repository.resolve(file);
        try (Git git = Git.open(repository.toFile())) {
            if (content == null) {
                Files.deleteIfExists(path);
                git.rm().addFilepattern(file).call();
            } else {
                write(path, content);
                git.add().addFilepattern(file).call();
            }
            git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts a lightweight tag on the current head, as a hand-made release tag of the seed pipelines would be. */
    Workspace tag(String name) {
        try (Git git = Git.open(repository.toFile())) {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The git working copy of the hello service. */
    Path repository() {
        return repository;
    }

    /** Creates {@code branch} at the current head if needed and checks it out. */
    Workspace checkout(String branch) {
        try (Git git = Git.open(repository.toFile())) {
            boolean exists = git.getRepository().findRef("refs/heads/" + branch) != null;
            git.checkout().setName(branch).setCreateBranch(!exists).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code slipway <args>} as {@code actor} and waits for it. */
    Run slipway(String actor, String... args) {
        Process process = start(actor, Map.of(), args);
        return finish(process, args);
    }

    /** Runs {@code slipway --config <configFile> <args>} as {@code actor} and waits for it. */
    Run slipwayWith(Path configFile, String actor, String... args) {
        Process process = start(configFile, actor, Map.of(), args);
        return finish(process, args);
    }

    /** Starts {@code slipway <args>} as {@code actor} without waiting; {@code environment} adds variables. */
    Process start(String actor, Map<String, String> environment, String... args) {
        return start(config, actor, environment, args);
    }

    private Process start(Path configFile, String actor, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-jar", jar().toString(), "--config", configFile.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.remove("SLIPWAY_CONFIG");
        env.remove("SLIPWAY_LOG");
        env.put("SLIPWAY_ACTOR", actor);
        env.putAll(environment);
        try {
            Path out = Files.createTempFile(root, "out-", ".txt");
            Path err = Files.createTempFile(root, "err-", ".txt");
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            Process process = builder.start();
            started.put(process, new Path[] {out, err});
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code slipway <args>} as {@code actor} on a pseudo-terminal (util-linux {@code script}) that is
     * {@code columns} wide, as someone at a terminal would; stdout and stderr arrive together, as the terminal shows them.
     */
    Run onTerminal(int columns, String actor, String... args) {
        List<String> words = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString(),
                "--config", config.toString()));
        words.addAll(List.of(args));
        String line = "stty cols %d rows 40; exec %s".formatted(columns, String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList()));
        return finish(startOnTerminal(actor, Map.of("COLUMNS", Integer.toString(columns)), line), args);
    }

    /** Starts {@code slipway <args>} as {@code actor} on a pseudo-terminal; write keys to its input, read the screen with {@link #outputSoFar}. */
    Process startOnTerminal(String actor, String... args) {
        List<String> words = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString(),
                "--config", config.toString()));
        words.addAll(List.of(args));
        return startOnTerminal(actor, Map.of(), "stty cols 160 rows 40; exec " + String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList()));
    }

    /** What a started command has written to stdout so far (for a command on a terminal, the whole screen). */
    String outputSoFar(Process process) {
        return read(started.get(process)[0]);
    }

    private Process startOnTerminal(String actor, Map<String, String> environment, String line) {
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null").directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.remove("SLIPWAY_CONFIG");
        env.remove("SLIPWAY_LOG");
        env.put("SLIPWAY_ACTOR", actor);
        env.putAll(environment);
        try {
            Path out = Files.createTempFile(root, "tty-", ".txt");
            Path err = Files.createTempFile(root, "tty-err-", ".txt");
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process = builder.start();
            started.put(process, new Path[] {out, err});
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a started command and reads what it wrote. */
    Run finish(Process process, String... args) {
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("slipway %s did not finish within %s".formatted(String.join(" ", args), COMMAND_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for slipway");
        }
        return new Run(String.join(" ", args), process.exitValue(), read(started.get(process)[0]), read(started.get(process)[1]));
    }

    /** What a command has written to stderr so far. */
    String errorsSoFar(Process process) {
        return read(started.get(process)[1]);
    }

    /**
     * The body of GET {@code path} from the release serving an environment whose target port is {@code port}: the
     * local target alternates releases between {@code port} and {@code port + 1}. Answers the failure as text when
     * neither answers 200.
     */
    static String get(int port, String path) {
        String first = getOne(port, path);
        if (!first.startsWith("HTTP ") && !first.startsWith("unreachable")) return first;
        String second = getOne(port + 1, path);
        if (!second.startsWith("HTTP ") && !second.startsWith("unreachable")) return second;
        return first.startsWith("unreachable") ? second : first;
    }

    private static String getOne(int port, String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d%s".formatted(port, path)))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A port whose neighbour is free too: the local target alternates releases between port and port + 1. */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port > 65533) continue;
                try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                    return second.getLocalPort() - 1;
                } catch (IOException taken) {
                    // try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no two free neighbouring ports on 127.0.0.1");
    }

    /** Processes whose working directory is inside this workspace: releases, and CLIs still running. */
    List<ProcessHandle> processesInside() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != ProcessHandle.current().pid()).filter(this::worksInside).toList();
        }
    }

    private boolean worksInside(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(root);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        started.keySet().forEach(Process::destroyForcibly);
        List<ProcessHandle> left = processesInside();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> process).join();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless; the test's verdict does not depend on it
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        String jar = System.getProperty("slipway.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property slipway.jar must name the repackaged jar (Failsafe sets it); it is " + jar);
        }
        return Path.of(jar);
    }

    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How one command ended: its exit code and what it wrote. */
    record Run(String command, int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "slipway %s -> exit %d%n--- stdout%n%s--- stderr%n%s".formatted(command, exit, out, err);
        }
    }
}

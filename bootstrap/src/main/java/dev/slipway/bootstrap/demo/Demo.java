package dev.slipway.bootstrap.demo;

import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import dev.slipway.bootstrap.Launch;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.release.Commit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway demo}: a newcomer's first deployment, for real and on this machine. In a scratch directory under the
 * system temp folder it creates a git repository holding the hello service, writes a slipway.yml with free ports, then
 * goes through the actual use cases and adapters: two deployments, history, a rollback, history and status again,
 * checking at each step that the running service answers the version it should. Explains each step before doing it,
 * stops the service at the end unless {@code --keep-running}, and exits 0 only when everything went as described.
 */
public final class Demo {

    /** The files of examples/hello-service, copied into the jar by the build. */
    static final List<String> SERVICE_FILES = List.of("app.py", "README.md");
    static final String RESOURCES = "/demo/hello-service/";
    private static final PersonIdent AUTHOR = new PersonIdent("Slipway demo", "demo@slipway.invalid");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static final String HELP = """
            demo - A real local deployment of a small Python service in a scratch repository: deploy, deploy again,
            history, rollback, status. Needs no slipway.yml and never touches your repositories; needs python3.

            USAGE
              slipway demo [--keep-running]

            OPTIONS
              --keep-running  leave the service running at the end and print its URL and how to stop it
              --help, -h      show this help

            EXIT CODES
              0  every step went as described
              1  a step did not (the message says which, and where the scratch directory is), or python3 is missing
              2  an unknown option
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Launch launch;
    private int step;

    public Demo(PrintStream out, PrintStream err, Launch launch) {
        this.out = out;
        this.err = err;
        this.launch = launch;
    }

    /** Runs the demo; answers the exit code. */
    public int run() {
        List<String> options = launch.arguments().subList(1, launch.arguments().size());
        if (options.contains("--help") || options.contains("-h")) {
            out.print(HELP);
            return 0;
        }
        boolean keepRunning = options.contains("--keep-running");
        if (options.stream().anyMatch(o -> !o.equals("--keep-running"))) {
            err.println("slipway demo takes one option, --keep-running (leave the service running at the end); got: " + String.join(" ", options));
            return 2;
        }
        if (!python3Runs()) {
            err.println("slipway demo deploys a small Python service and needs python3 on the PATH; install it (any 3.x) and run the demo again.");
            return 1;
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "slipway-demo-");
        } catch (IOException e) {
            err.println("slipway demo: cannot create a scratch directory in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage());
            return 1;
        }
        out.println("""
                Slipway demo: a real deployment of a small web service on this machine, with git, the registry, health
                checks and rollback, all in a scratch directory. Your own repositories are not touched.
                Scratch directory: %s
                """.formatted(scratch));
        DemoRun run = new DemoRun(scratch, keepRunning);
        try {
            run.go();
            return 0;
        } catch (DemoStopped stopped) {
            err.println();
            err.println("The demo stopped: " + stopped.getMessage());
            err.println("Everything it made is in " + scratch + " (the registry in .slipway, the service in hello-service).");
            return 1;
        } catch (RuntimeException unexpected) {
            err.println();
            err.println("The demo stopped on something unexpected: " + unexpected);
            if (launch.verbose()) unexpected.printStackTrace(err);
            err.println("Everything it made is in " + scratch + ".");
            return 1;
        }
    }

    /** One walk through the demo in one scratch directory. */
    private final class DemoRun {

        private final Path scratch;
        private final Path repository;
        private final Path config;
        private final boolean keepRunning;
        private final Actor actor = new Actor(System.getProperty("user.name", "newcomer").isBlank() ? "newcomer" : System.getProperty("user.name"), FrontEnd.CLI);
        private int port;
        private String endpoint;

        DemoRun(Path scratch, boolean keepRunning) {
            this.scratch = scratch;
            this.repository = scratch.resolve("hello-service");
            this.config = scratch.resolve("slipway.yml");
            this.keepRunning = keepRunning;
        }

        void go() {
            explain("A service to deploy",
                    "Slipway deploys what is committed in git. Here is hello, a tiny Python web service, in a new git repository",
                    "on branch dev with one commit.");
            RevCommit first = createRepository();
            out.printf("  %s  %s  (%s)%n", first.abbreviate(7).name(), first.getShortMessage(), repository);

            explain("The configuration",
                    "slipway.yml says: environment dev deploys branch dev, tags releases {version}-dev, runs each release as a",
                    "process on this machine, and checks /health and /version before it lets the release serve.");
            writeConfiguration();
            out.println(indent(read(config)));

            Launch demoLaunch = new Launch(config, launch.verbose(), launch.logLevel(), List.of());
            try (DemoServices services = DemoServices.start(demoLaunch, out)) {
                walkThrough(services, first);
            }
        }

        private void walkThrough(DemoServices services, RevCommit first) {
            boolean finished = false;
            try {
                explain("The first deployment",
                        "Slipway takes the lock on hello/dev, tags the commit 0.1.0-dev, prepares the release, starts it, waits",
                        "until it is healthy and says the right version, then records it. The steps show as they happen:");
                Deployment initial = expectSucceeded(services.deploy().deploy(DeployCommand.of("dev", actor)), "0.1.0-dev");
                expectVersion(services, "0.1.0-dev");

                explain("A change",
                        "A developer changes the greeting and commits it on dev, as they would every day.");
                RevCommit second = commitChange();
                out.printf("  %s  %s%n", second.abbreviate(7).name(), second.getShortMessage());

                explain("The second deployment",
                        "The next tag is 0.1.1-dev. The new release starts beside the running one and takes over only once",
                        "it is healthy, so the service keeps answering throughout.");
                expectSucceeded(services.deploy().deploy(DeployCommand.of("dev", actor)), "0.1.1-dev");
                expectVersion(services, "0.1.1-dev");

                explain("History",
                        "Every deployment is recorded with its tag, who asked, when, how it ended and the commits it brought.");
                List<Deployment> two = history(services, 2);
                expectCommit(two, "0.1.0-dev", first.getName());
                expectCommit(two, "0.1.1-dev", second.getName());

                explain("Rollback",
                        "Say 0.1.1-dev misbehaves. One command brings back the release that ran before it, as a deployment of",
                        "its own, with the same health checks; nothing is rebuilt.");
                Deployment rollback = expectSucceeded(services.rollback().rollback(
                        new RollbackCommand(Optional.empty(), "dev", Optional.empty(), Duration.ZERO, Optional.empty(), actor)), "0.1.0-dev");

                explain("History and status again",
                        "The history now shows all three deployments, the rollback on top. Status shows what dev runs, what the",
                        "process itself reports, and that nobody holds the lock.");
                List<Deployment> three = history(services, 3);
                if (!three.getFirst().id().equals(rollback.id())) {
                    throw new DemoStopped("the newest deployment in the history is %s, not the rollback %s".formatted(three.getFirst().id(), rollback.id()));
                }
                status(services, "0.1.0-dev");
                expectVersion(services, "0.1.0-dev");
                if (!initial.release().commit().equals(rollback.release().commit())) {
                    throw new DemoStopped("the rollback deployed commit %s, not the first release's %s".formatted(rollback.release().commit(), initial.release().commit()));
                }
                finished = true;
            } finally {
                if (finished && keepRunning) {
                    out.printf("%nThe demo went as described. hello 0.1.0-dev keeps running at %s/%n", endpoint);
                    out.println("Try it:  curl %s/version".formatted(endpoint));
                    out.println("Look:    ./slipway --config %s history".formatted(config));
                    services.describeHowToStop().ifPresent(how -> out.println("Stop it: " + how));
                } else {
                    int stopped = services.stopReleases();
                    if (finished) {
                        out.printf("%nThe demo went as described; its service is stopped (%d process%s). Run `slipway demo --keep-running`%n",
                                stopped, stopped == 1 ? "" : "es");
                        out.println("to leave it running, or look around in " + scratch + ".");
                    }
                }
            }
        }

        private RevCommit createRepository() {
            try {
                Files.createDirectories(repository);
                for (String file : SERVICE_FILES) {
                    try (InputStream in = Demo.class.getResourceAsStream(RESOURCES + file)) {
                        if (in == null) throw new DemoStopped("this build of Slipway lacks the demo's service file " + file + "; rebuild it with ./mvnw package");
                        Files.copy(in, repository.resolve(file));
                    }
                }
                try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("dev").call()) {
                    git.add().addFilepattern(".").call();
                    return git.commit().setMessage("Say hello").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GitAPIException e) {
                throw new DemoStopped("git could not create the demo repository: " + e.getMessage());
            }
        }

        private RevCommit commitChange() {
            Path app = repository.resolve("app.py");
            String before = read(app);
            String after = before.replace("\"hello from %s\\n\"", "\"hello again, from %s\\n\"");
            if (after.equals(before)) throw new DemoStopped("could not find the greeting to change in " + app);
            try {
                Files.writeString(app, after);
                try (Git git = Git.open(repository.toFile())) {
                    git.add().addFilepattern("app.py").call();
                    return git.commit().setMessage("Greet visitors who come back").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GitAPIException e) {
                throw new DemoStopped("git could not commit the change: " + e.getMessage());
            }
        }

        private void writeConfiguration() {
            port = freePortPair();
            String yaml = """
                    slipway:
                      state-dir: .slipway
                      locks:
                        lease: 10s
                      services:
                        hello:
                          repository: hello-service
                          environments:
                            dev:
                              branch: dev
                              tag: "{version}-dev"
                              target: { type: local, command: "python3 app.py", port: %d, keep: 3 }
                              health: { path: /health, version-path: /version, timeout: 2s, attempts: 40, interval: 250ms }
                              rollback: automatic
                    """.formatted(port);
            try {
                Files.writeString(config, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Deployment expectSucceeded(DeploymentOutcome outcome, String tag) {
            Deployment deployment = switch (outcome) {
                case DeploymentOutcome.Succeeded s -> s.deployment();
                case DeploymentOutcome.NotDeployed n -> throw new DemoStopped("%s failed before anything changed: %s".formatted(n.deployment().release().tag(), n.reason()));
                case DeploymentOutcome.RolledBack r -> throw new DemoStopped("%s failed and was rolled back: %s".formatted(r.deployment().release().tag(), r.reason()));
                case DeploymentOutcome.Failed f -> throw new DemoStopped("%s failed: %s. %s".formatted(f.deployment().release().tag(), f.reason(), f.howToRecover()));
                case DeploymentOutcome.AwaitingApproval a -> throw new DemoStopped("the deployment waits for approval, which the demo does not ask for");
                case DeploymentOutcome.Cancelled c -> throw new DemoStopped("the deployment was cancelled: " + c.reason());
                case DeploymentOutcome.TimedOut t -> throw new DemoStopped("timed out waiting for %s: %s".formatted(t.waitingFor(), t.reason()));
                case Refused r -> throw new DemoStopped("refused by the %s rule: %s (%s)".formatted(r.rule(), r.reason(), r.howToUnblock()));
                case Invalid i -> throw new DemoStopped("the request was not valid: %s (%s)".formatted(i.reason(), i.hint()));
            };
            if (!deployment.release().tag().equals(tag)) {
                throw new DemoStopped("expected to deploy %s but deployed %s".formatted(tag, deployment.release().tag()));
            }
            out.printf("  %s %s: %s in %s%n", deployment.kind().name().toLowerCase(Locale.ROOT), tag, deployment.status(),
                    deployment.duration().map(Demo::seconds).orElse("?"));
            return deployment;
        }

        /** Asks the service itself, where status says it answers (releases alternate between two ports). */
        private void expectVersion(DemoServices services, String tag) {
            EnvironmentState dev = answer(services.status().status(new StatusRequest(Optional.empty(), Optional.of("dev"))), "status")
                    .stream().findFirst().orElseThrow(() -> new DemoStopped("status does not list dev"));
            endpoint = dev.endpoint().map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e)
                    .orElseThrow(() -> new DemoStopped("status does not say where dev answers"));
            String answer = get("/version").strip();
            out.printf("  GET %s/version -> %s%n", endpoint, answer);
            if (!answer.equals(tag)) throw new DemoStopped("the service answers version %s where %s should run".formatted(answer, tag));
        }

        private List<Deployment> history(DemoServices services, int expected) {
            List<Deployment> deployments = answer(services.history().history(new HistoryRequest(Optional.empty(), Optional.of("dev"), 20)), "history");
            for (Deployment d : deployments) {
                out.printf("  %s  %-8s %-10s %-11s %s  by %s  \"%s\"%n", d.id(), d.kind().name().toLowerCase(Locale.ROOT), d.release().tag(), d.status(),
                        TIME.format(d.createdAt()), d.requestedBy().id(), d.name());
                for (Commit c : d.notes().commits()) {
                    out.printf("        %s %s (%s)%n", c.id().abbreviated(), c.subject(), c.author());
                }
            }
            if (deployments.size() != expected) {
                throw new DemoStopped("the history lists %d deployments where %d were made".formatted(deployments.size(), expected));
            }
            return deployments;
        }

        private void expectCommit(List<Deployment> deployments, String tag, String commit) {
            Deployment d = deployments.stream().filter(x -> x.release().tag().equals(tag)).findFirst()
                    .orElseThrow(() -> new DemoStopped("the history has no deployment of " + tag));
            if (d.notes().commits().stream().noneMatch(c -> c.id().sha().equals(commit))) {
                throw new DemoStopped("the history does not list commit %s under %s".formatted(commit.substring(0, 7), tag));
            }
        }

        private void status(DemoServices services, String tag) {
            List<EnvironmentState> states = answer(services.status().status(new StatusRequest(Optional.empty(), Optional.of("dev"))), "status");
            for (EnvironmentState s : states) {
                out.printf("  %s/%s  runs %s  (target %s: %s, %s)  lock: %s%n", s.service(), s.environment(),
                        s.current().map(d -> d.resultingRelease().map(r -> r.tag()).orElse("?")).orElse("nothing"),
                        s.target(), s.runningTag().orElse("nothing running"), s.alive().map(a -> a ? "alive" : "not answering").orElse("unknown"),
                        s.lock().map(l -> l.describe()).orElse("free"));
                s.drift().ifPresent(d -> out.println("  drift: " + d));
            }
            EnvironmentState dev = states.stream().filter(s -> s.environment().equals("dev")).findFirst()
                    .orElseThrow(() -> new DemoStopped("status does not list dev"));
            String current = dev.current().flatMap(Deployment::resultingRelease).map(r -> r.tag()).orElse("nothing");
            if (!current.equals(tag)) throw new DemoStopped("status says dev runs %s, not %s".formatted(current, tag));
            if (dev.runningTag().filter(tag::equals).isEmpty()) {
                throw new DemoStopped("the local target reports %s running, not %s".formatted(dev.runningTag().orElse("nothing"), tag));
            }
            if (dev.lock().isPresent()) throw new DemoStopped("dev is still locked: " + dev.lock().get().describe());
        }

        private String get(String path) {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(endpoint + path))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) throw new DemoStopped("GET %s answered %d".formatted(path, response.statusCode()));
                return response.body();
            } catch (IOException e) {
                throw new DemoStopped("GET %s%s failed: %s".formatted(endpoint, path, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStopped("interrupted");
            }
        }
    }

    private static boolean python3Runs() {
        try {
            Process python = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return python.waitFor(10, TimeUnit.SECONDS) && python.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void explain(String title, String... sentences) {
        step++;
        out.println();
        out.printf("%d. %s%n", step, title);
        for (String line : sentences) out.println("   " + line);
        out.println();
    }

    private static <T> T answer(QueryOutcome<T> outcome, String what) {
        return switch (outcome) {
            case QueryOutcome.Answer<T> a -> a.value();
            case Invalid i -> throw new DemoStopped("%s refused the question: %s".formatted(what, i.reason()));
        };
    }

    /** A port whose neighbour is free too: the local target runs a new release on the next port while it replaces the old one. */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 1024 || port > 65533) continue;
                try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                    return second.getLocalPort() - 1;
                } catch (IOException taken) {
                    // the neighbour is in use; try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new DemoStopped("found no two free neighbouring ports on 127.0.0.1");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    static String seconds(Duration d) {
        return "%.1fs".formatted(d.toMillis() / 1000.0);
    }

    /** The demo saw something other than what it describes; the message says what. */
    static final class DemoStopped extends RuntimeException {
        DemoStopped(String message) {
            super(message, null, false, false);
        }
    }
}

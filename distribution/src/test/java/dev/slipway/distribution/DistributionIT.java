package dev.slipway.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tarball as a user gets it: unpacked into an empty folder and run with nothing but a Java 25 (PATH holds only
 * /usr/bin and /bin, JAVA_HOME names the JDK), against a slipway.yml of the root configuration's shape.
 */
class DistributionIT {

    private static final Path TARBALL = Path.of(System.getProperty("slipway.tarball"));
    private static final String VERSION = System.getProperty("slipway.version");
    private static final Path JAVA_HOME = Path.of(System.getProperty("slipway.java.home"));

    @TempDir
    static Path scratch;
    static Path home;
    static Path config;

    @BeforeAll
    static void unpackTheTarballAndWriteAConfiguration() throws Exception {
        Path unpacked = Files.createDirectories(scratch.resolve("unpacked"));
        Run tar = Run.of(unpacked, Map.of("PATH", "/usr/bin:/bin"), List.of("tar", "-xzf", TARBALL.toString()));
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        home = unpacked.resolve("slipway-" + VERSION);

        Path work = Files.createDirectories(scratch.resolve("work"));
        Path service = Files.createDirectories(work.resolve("hello-service"));
        Files.writeString(service.resolve("app.py"), "print('hello')\n");
        Map<String, String> git = Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "GIT_AUTHOR_NAME", "test", "GIT_AUTHOR_EMAIL", "test@slipway.invalid",
                "GIT_COMMITTER_NAME", "test", "GIT_COMMITTER_EMAIL", "test@slipway.invalid");
        for (List<String> command : List.of(List.of("git", "init", "-q", "-b", "dev"), List.of("git", "add", "app.py"),
                List.of("git", "commit", "-q", "-m", "Say hello"))) {
            Run step = Run.of(service, git, command);
            assertThat(step.exitCode()).as(step.toString()).isZero();
        }
        config = work.resolve("slipway.yml");
        Files.writeString(config, """
                slipway:
                  state-dir: .slipway
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: 18680 }
                          health: { path: /health, version-path: /version }
                """);
    }

    @Test
    void holdsTheLauncherTheExtractedJarAndAnAotCache() throws IOException {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/slipway"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("app/slipway.jar")).isRegularFile();
        assertThat(home.resolve("app/lib")).isDirectoryContaining("glob:**/spring-boot-*.jar");
        assertThat(home.resolve("app/slipway.aot")).isRegularFile();
        assertThat(home.resolve("app/slipway.aot.jvm")).content().contains("JAVA_RUNTIME_VERSION=");
        assertThat(home.resolve("VERSION")).content().isEqualToIgnoringNewLines(VERSION);
    }

    @Test
    void answersHelpWithTheCommandsAndExitCodes() throws Exception {
        Run help = slipway(Map.of(), "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("COMMANDS", "slipway deploy ENV", "slipway status", "EXIT CODES", "3  refused by policy");
    }

    @Test
    void showsTheStatusOfALocalTarget() throws Exception {
        Run status = slipway(Map.of(), "status", "--config", config.toString());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("hello", "dev");
    }

    @Test
    void usesTheAotCacheOnTheJavaThatTrainedIt() throws Exception {
        // AOTMode=on makes the JVM refuse to start rather than run without the cache it was given.
        Run status = slipway(Map.of("SLIPWAY_JAVA_OPTS", "-XX:AOTMode=on"), "status", "--config", config.toString(), "--output", "json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).startsWith("{");
    }

    @Test
    void runsWithoutTheCacheOnAnotherJavaRuntime() throws Exception {
        // Another runtime as far as the launcher can tell: a different release file in front of the same JVM.
        Path other = Files.createDirectories(scratch.resolve("other-java/bin"));
        Files.createSymbolicLink(other.resolve("java"), JAVA_HOME.resolve("bin/java"));
        Files.writeString(other.getParent().resolve("release"), "IMPLEMENTOR=\"Someone Else\"\nJAVA_VERSION=\"25.0.99\"\nJAVA_RUNTIME_VERSION=\"25.0.99+1\"\n");

        Run status;
        try {
            status = slipway(Map.of("JAVA_HOME", other.getParent().toString()), "status", "--config", config.toString());
        } finally {
            Files.delete(other.resolve("java"));
        }

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("hello");
        assertThat(status.err()).doesNotContainIgnoringCase("aot");
    }

    @Test
    void refusesABadConfigurationWithExitCodeTwo() throws Exception {
        Path bad = scratch.resolve("bad.yml");
        Files.writeString(bad, "slipway:\n  services:\n    hello:\n      nonsense: true\n");

        Run status = slipway(Map.of(), "status", "--config", bad.toString());

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
    }

    private static Run slipway(Map<String, String> extra, String... arguments) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", JAVA_HOME.toString(),
                "HOME", scratch.toString()));
        environment.putAll(extra);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/slipway").toString()));
        command.addAll(List.of(arguments));
        return Run.of(config.getParent(), environment, command);
    }
}

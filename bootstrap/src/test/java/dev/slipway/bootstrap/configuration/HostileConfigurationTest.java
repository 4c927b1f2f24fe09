package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.SlipwayApplication;
import dev.slipway.domain.environment.Catalog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 11 items 3, 5 and 7, issue 18 item 7: a hostile slipway.yml is refused in a sentence (exit 2 at start-up),
 * never hangs, never lets Spring's own settings or secrets in, never rewrites a name.
 */
class HostileConfigurationTest {

    /** Generous: only a guard against a hang, not a claim about speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static final String SERVICE = """
            slipway:
              services:
                hello:
                  repository: hello-service
                  environments:
                    dev:
                      branch: dev
                      tag: "{version}-dev"
                      target: { type: local, command: "python3 app.py", port: 18080 }
            """;

    /** JUnit's own tests get a @TempDir; jqwik's properties, which do not support it, a folder of their own. */
    @TempDir
    Path folder;

    private Path folder() throws IOException {
        if (folder == null) folder = Files.createTempDirectory("slipway-hostile-config");
        return folder;
    }

    @Test
    void refusesAYamlAliasBombWithoutExpandingIt() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char previous = (char) (c - 1);
            bomb.append("%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n".formatted(c, c, previous, previous, previous, previous, previous, previous,
                    previous, previous, previous));
        }
        List<String> problems = assertTimeoutPreemptively(HANG_GUARD, () -> problems(SERVICE + bomb));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("the file").contains("aliases"));
    }

    @Test
    void refusesAnAliasChainThatStaysUnderTheAliasLimitButExpandsTooFar() {
        StringBuilder chain = new StringBuilder("x0: &x0 [" + "a, ".repeat(99) + "a]\n");
        for (int i = 1; i < 10; i++) chain.append("x%d: &x%d [*x%d, *x%d]\n".formatted(i, i, i - 1, i - 1));
        assertThatThrownBy(() -> ConfigurationFile.check(chain.toString())).isInstanceOf(ConfigurationProblem.class).hasMessageContaining("expands to more than");
    }

    @Test
    void refusesAFileOverOneMebibyteBeforeReadingIt() {
        String huge = SERVICE + "      summary: \"" + "x".repeat(2 * 1024 * 1024) + "\"\n";
        List<String> problems = assertTimeoutPreemptively(HANG_GUARD, () -> problems(huge));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("the file").contains("at most 1 MiB"));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "slipway:\n  services: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThatThrownBy(() -> ConfigurationFile.check(deep)).isInstanceOf(ConfigurationProblem.class).hasMessageContaining("levels of nesting");
    }

    @Test
    void refusesSecretsAtTheTopOfTheFileSayingTheyComeFromTheEnvironment() {
        List<String> problems = problems(SERVICE + "GITHUB_WEBHOOK_SECRET: from-the-file\nSLIPWAY_API_TOKEN_CI: also-from-the-file\n");

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("GITHUB_WEBHOOK_SECRET:").contains("process environment only"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("SLIPWAY_API_TOKEN_CI:").contains("process environment only"));
        assertThat(String.join("\n", problems)).doesNotContain("from-the-file");
    }

    @Test
    void refusesSpringsOwnSettingsNamingTheKeyAndWhatIsAllowed() {
        List<String> problems = problems(SERVICE + "management:\n  endpoints:\n    web:\n      exposure:\n        include: \"*\"\nserver.port: 1\n");

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("management:").contains("allowed at the top: slipway").contains("management.*"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("server.port:").contains("slipway.server.port"));
    }

    @Test
    void refusesAnUnknownTopLevelKey() {
        assertThat(problems(SERVICE + "slipwya: {}\n")).containsExactly("slipwya: is not a known key; allowed at the top: slipway");
    }

    @Test
    void refusesServiceAndEnvironmentKeysThatBindingWouldRewrite() {
        List<String> problems = problems(SERVICE.replace("    hello:", "    hello$(id):").replace("        dev:", "        \"d ev\":"));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello$(id):").contains("never rewritten"));
        assertThat(String.join("\n", problems)).doesNotContain("helloid");
    }

    @Test
    void refusesAnEnvironmentKeyThatIsNotAName() {
        assertThat(problems(SERVICE.replace("        dev:", "        \"d ev\":")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.d ev:").contains("not a valid environment name"));
    }

    @Test
    void refusesPlaceholdersThatWouldReadTheEnvironmentIntoTheFile() {
        assertThat(problems(SERVICE.replace("branch: dev", "branch: ${GITHUB_WEBHOOK_SECRET}")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.branch:").contains("placeholder"));
    }

    @Test
    void readsDurationsInTheOneGrammarAndRefusesIsoOnes() throws IOException {
        Files.createDirectories(folder().resolve("hello-service"));
        assertThat(problems(SERVICE.replace("slipway:\n", "slipway:\n  locks: { lease: PT15S }\n")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.locks.lease").contains("'PT15S' is not allowed here"));
        Path file = write(SERVICE.replace("branch: dev", "branch: dev\n          approval-expires: 1h30m"));
        try (ConfigurableApplicationContext context = SlipwayApplication.application(launch(file)).run()) {
            assertThat(context.getBean(Catalog.class).resolve(Optional.empty()).environment("dev").orElseThrow().approval().expiresAfter())
                    .isEqualTo(Duration.ofMinutes(90));
        }
    }

    /** Any text as a file: refused in a sentence or accepted, in bounded time, never an exception's class name. */
    @Property(tries = 300)
    void anyTextIsReadOrRefusedInASentence(@ForAll("hostileYaml") String text) {
        try {
            assertTimeoutPreemptively(HANG_GUARD, () -> ConfigurationFile.check(text));
        } catch (ConfigurationProblem problem) {
            assertThat(problem.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("java.");
        }
    }

    /** The whole binder, over a slipway.yml whose names and values are hostile: a configuration problem, never anything else. */
    @Property(tries = 25)
    void theBinderRefusesHostileNamesAndValuesInASentence(@ForAll("hostileWords") String word) throws IOException {
        Files.createDirectories(folder().resolve("hello-service"));
        String quoted = "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        for (String yaml : List.of(SERVICE.replace("    hello:", "    " + quoted + ":"), SERVICE.replace("branch: dev", "branch: " + quoted),
                SERVICE.replace("slipway:\n", "slipway:\n  locks: { lease: " + quoted + " }\n"), SERVICE + quoted + ": 1\n")) {
            Path file = write(yaml);
            try (ConfigurableApplicationContext context = assertTimeoutPreemptively(HANG_GUARD, () -> SlipwayApplication.application(launch(file)).run())) {
                context.getBean(Catalog.class);
            } catch (RuntimeException failure) {
                ConfigurationProblem problem = BindingFailures.explain(failure)
                        .orElseThrow(() -> new AssertionError("not explained as a configuration problem: " + yaml, failure));
                assertThat(problem.getMessage()).isNotBlank().doesNotContain("Exception");
            }
        }
    }

    @Provide
    Arbitrary<String> hostileYaml() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]:&*!|>-'\"#%@`,?\n\t ").ofMaxLength(200),
                Arbitraries.integers().between(1, 500).map(n -> "a: " + "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 60).map(n -> "slipway:\n" + "  x: &a [*a]\n".repeat(1) + "  y: ".repeat(1) + "*a\n".repeat(n)),
                hostileWords().map(w -> "slipway:\n  services:\n    \"" + w.replace("\\", "").replace("\"", "") + "\": {}\n"),
                hostileWords().map(w -> w + ": x\n"));
    }

    @Provide
    Arbitrary<String> hostileWords() {
        return Arbitraries.oneOf(
                Arbitraries.of("hello$(id)", "hel lo", "<!channel>", "```", "a;b", "x\u202Ey", "-5m", "PT9999999999H", "${HOME}", "\u0000", "\u0007",
                        "management.endpoints.web.exposure.include", "server.port", "GITHUB_WEBHOOK_SECRET", "../../etc", "1h30m", "hello"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5));
    }

    private List<String> problems(String yaml) {
        try {
            Path file = write(yaml);
            try (ConfigurableApplicationContext context = SlipwayApplication.application(launch(file)).run()) {
                context.getBean(Catalog.class);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (RuntimeException failure) {
            return BindingFailures.explain(failure).orElseThrow(() -> new AssertionError("not explained as a configuration problem", failure))
                    .problems().stream().map(Object::toString).toList();
        }
        throw new AssertionError("the configuration was accepted");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(folder().resolve("slipway.yml"), yaml);
    }

    private static Launch launch(Path file) {
        return new Launch(file, false, Optional.empty(), List.of());
    }
}

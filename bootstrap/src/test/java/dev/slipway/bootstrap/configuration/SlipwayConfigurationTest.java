package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.SlipwayApplication;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Gate;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.rollback.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** slipway.yml bound by the real application context: the documented format, and every way it can be wrong. */
class SlipwayConfigurationTest {

    private static final String EXAMPLE = """
            slipway:
              state-dir: .slipway
              registry:
                username: slipway
              locks:
                lease: 15s
              services:
                hello:
                  repository: hello-service
                  environments:
                    dev:
                      branch: dev
                      tag: "{version}-dev"
                      target: { type: local, command: "python3 app.py", port: 18080, keep: 5 }
                      health: { path: /health, version-path: /version, timeout: 2s, attempts: 20, interval: 500ms }
                      rollback: automatic
                      rollback-on: [rollout, verification]
                    prod:
                      branch: main
                      tag: "v{version}"
                      promoted-from: dev
                      approval: required
                      approvers: [alice, bob]
                      approval-expires: 1h
                      confirm: true
                      target: { type: local, command: "python3 app.py", port: 18090 }
            """;

    @TempDir
    Path folder;

    @Test
    void turnsTheDocumentedExampleIntoTheCatalog() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        Catalog catalog = catalog(EXAMPLE);

        Service hello = catalog.resolve(Optional.empty());
        assertThat(hello.repository().location()).isEqualTo(folder.resolve("hello-service").toString());
        assertThat(hello.environmentNames()).containsExactly("dev", "prod");
        Environment dev = hello.environment("dev").orElseThrow();
        assertThat(dev.branchPolicy().allows("dev")).isTrue();
        assertThat(dev.tagPattern().pattern()).isEqualTo("{version}-dev");
        assertThat(dev.target().type()).isEqualTo("local");
        assertThat(dev.target().settings()).isEqualTo(Map.of("command", "python3 app.py", "port", "18080", "keep", "5"));
        assertThat(dev.healthCheck().versionPath()).contains("/version");
        assertThat(dev.healthCheck().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(dev.rollbackPolicy().triggers()).isEqualTo(EnumSet.of(FailureKind.ROLLOUT, FailureKind.VERIFICATION));
        assertThat(dev.approval().required()).isFalse();
        Environment prod = hello.environment("prod").orElseThrow();
        assertThat(prod.approval().required()).isTrue();
        assertThat(prod.approval().approvers()).isEqualTo(Set.of("alice", "bob"));
        assertThat(prod.promotedFrom()).contains("dev");
        assertThat(prod.confirm()).isTrue();
        assertThat(prod.rollbackPolicy().automatic()).isTrue();
        assertThat(prod.healthCheck().path()).isEqualTo("/health");
    }

    @Test
    void refusesAnUnknownKeyNamingItsPathAndTheKeysAllowedThere() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE.replace("      branch: dev\n", "      brnch: dev\n"));

        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("slipway.services.hello.environments.dev.brnch")
                .contains("not a known key")
                .contains("branch, tag, target, health"));
    }

    @Test
    void namesTheLineAndColumnOfAnUnknownKey() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        problems(EXAMPLE.replace("      branch: dev\n", "      brnch: dev\n"));
        Path file = folder.resolve("slipway.yml");
        List<String> problems = KeyLocations.locate(file, List.of(new ConfigurationProblem.Problem("slipway.services.hello.environments.dev.brnch",
                "is not a known key"))).stream().map(Object::toString).toList();

        int line = EXAMPLE.lines().toList().indexOf(EXAMPLE.lines().filter(l -> l.endsWith("branch: dev")).findFirst().orElseThrow()) + 1;
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("brnch (line %d, column 11)".formatted(line)));
    }

    @Test
    void explainsAnUnquotedVersionPlaceholderWithItsLineAndTheQuotedForm() {
        List<String> problems = problems(EXAMPLE.replace("tag: \"{version}-dev\"", "tag: {version}-dev"));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("(line ").contains("column 16")
                .contains("unquoted").contains("tag: \"{version}-dev\""));
    }

    @Test
    void explainsATabInTheIndentation() {
        List<String> problems = problems("slipway:\n  services:\n\thello:\n      repository: .\n");

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("line 3, column 1").contains("tab").contains("spaces"));
    }

    @Test
    void hintsAtIndentationWhenAKeyIsOutOfLine() {
        List<String> problems = problems(EXAMPLE.replace("          tag: \"{version}-dev\"", "         tag: \"{version}-dev\""));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("line").contains("indentation").doesNotContain("aliases"));
    }

    @Test
    void refusesDurationsOutsideTheirBoundsNamingTheSettingAndTheBounds() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> health = problems(EXAMPLE.replace("timeout: 2s, attempts: 20", "timeout: 2d, attempts: 20"));
        List<String> approval = problems(EXAMPLE.replace("approval-expires: 1h", "approval-expires: 90d"));

        assertThat(health).anySatisfy(p -> assertThat(p).contains("dev").contains("timeout").contains("at most 10m"));
        assertThat(approval).anySatisfy(p -> assertThat(p).contains("prod").contains("approval expiry").contains("at most 30d"));
    }

    @Test
    void readsABakeGatesAndAnEc2FleetsWavesWrittenAsAList() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        Catalog catalog = catalog(EXAMPLE.replace("  locks:\n", "  aws: { region: eu-west-1 }\n  locks:\n")
                .replace("          rollback-on: [rollout, verification]\n", """
                          rollback-on: [rollout, verification]
                          bake: 5m
                          gates:
                            cloudwatch-alarms: [hello-5xx, hello-latency]
                            prometheus: { url: "http://prometheus:9090", query: "sum(rate(http_5xx[1m]))", max: 0.05 }
                            http: { url: "http://hello:8080/ready", json-path: "$.status", equals: ok }
                """)
                .replace("type: local, command: \"python3 app.py\", port: 18090", "type: ec2-ssm, instances: [i-0123456789abcdef0, i-0123456789abcdef1], "
                        + "bucket: slipway-bundles, repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello, waves: [1, 50%, 100%]"));

        Environment dev = catalog.resolve(Optional.empty()).environment("dev").orElseThrow();
        assertThat(dev.bake()).isEqualTo(Duration.ofMinutes(5));
        assertThat(dev.gates()).containsExactly(
                new Gate.CloudWatchAlarms(List.of("hello-5xx", "hello-latency")),
                new Gate.Prometheus(java.net.URI.create("http://prometheus:9090"), "sum(rate(http_5xx[1m]))", 0.05),
                new Gate.Http(java.net.URI.create("http://hello:8080/ready"), 200, Optional.of("$.status"), Optional.of("ok")));
        Environment prod = catalog.resolve(Optional.empty()).environment("prod").orElseThrow();
        assertThat(prod.bake()).isZero();
        assertThat(prod.target().settings()).containsEntry("waves", "1,50%,100%").containsEntry("instances", "i-0123456789abcdef0,i-0123456789abcdef1");
    }

    @Test
    void refusesABakeLongerThanAnHourAndGatesMissingWhatTheyNeedNamingEachKey() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE.replace("          rollback-on: [rollout, verification]\n", """
                          rollback-on: [rollout, verification]
                          bake: 2h
                          gates:
                            prometheus: { url: "prometheus:9090", query: "up" }
                            http: { url: "http://hello:8080/ready", json-path: "status", equals: ok }
                """));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.bake").contains("from 0 to 1h"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.gates.prometheus.url").contains("not an http or https URL"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.gates.prometheus.max").contains("is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.gates.http").contains("json-path 'status'"));
    }

    @Test
    void refusesAnUnknownTopLevelKey() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE.replace("  locks:\n", "  lokcs:\n"));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.lokcs").contains("state-dir, registry, locks, aws, server, slack, api, dashboard, webhooks, access, services"));
    }

    @Test
    void turnsAccessGrantsAndApiTokenRolesIntoTheCatalogsAccessRules() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        Catalog catalog = catalog(EXAMPLE.replace("  services:\n", """
                  api:
                    tokens:
                      - { actor: ci, env: SLIPWAY_API_TOKEN_CI, roles: [deploy], environments: [dev] }
                  access:
                    - { members: [U0123ABCD, S0456EFGH], roles: [deploy, lock], environments: [dev] }
                    - { members: [S0999], roles: [approve], services: [hello], environments: [prod] }
                  services:
                """).replace("      confirm: true\n", "      confirm: true\n          trigger: tag\n").replace("  repository: hello-service\n", "  repository: hello-service\n      github: acme/hello\n"));

        var slack = new dev.slipway.domain.deployment.Actor("U9", dev.slipway.domain.deployment.FrontEnd.SLACK, "T1", Set.of("S0456EFGH"));
        var ci = dev.slipway.domain.deployment.Actor.of("ci", dev.slipway.domain.deployment.FrontEnd.API);
        assertThat(catalog.access().permits(slack, "hello", "dev", dev.slipway.domain.access.Role.LOCK)).isTrue();
        assertThat(catalog.access().permits(slack, "hello", "prod", dev.slipway.domain.access.Role.DEPLOY)).isFalse();
        assertThat(catalog.access().permits(ci, "hello", "dev", dev.slipway.domain.access.Role.DEPLOY)).isTrue();
        assertThat(catalog.access().holders("hello", "prod", dev.slipway.domain.access.Role.APPROVE)).containsExactly("S0999");
        Service hello = catalog.find("hello").orElseThrow();
        assertThat(hello.repository().isHostedAs("ACME/hello")).isTrue();
        assertThat(hello.environment("prod").orElseThrow().trigger()).isEqualTo(dev.slipway.domain.environment.Trigger.TAG);
        assertThat(hello.environment("dev").orElseThrow().trigger()).isEqualTo(dev.slipway.domain.environment.Trigger.MANUAL);
    }

    @Test
    void refusesAnUnknownRoleAndATokenWrittenIntoTheFileNamingTheKeys() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE.replace("  services:\n", """
                  api:
                    tokens:
                      - { actor: ci, env: "literal-secret-token-value" }
                  access:
                    - { members: [U1], roles: [deploy, admin] }
                  services:
                """));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.access[0].roles").contains("'admin' is not a role"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.api.tokens[0].env").contains("never the token itself")
                .doesNotContain("literal-secret-token-value"));
    }

    @Test
    void refusesAValueOfTheWrongKindSayingWhatIsAllowed() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        assertThat(problems(EXAMPLE.replace("rollback: automatic", "rollback: sometimes")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.rollback").contains("'sometimes'")
                        .contains("automatic").contains("manual"));
        assertThat(problems(EXAMPLE.replace("lease: 15s", "lease: soon")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.locks.lease").contains("'soon'").contains("15s"));
        assertThat(problems(EXAMPLE.replace("  locks:\n", "  aws: { region: eu-west-1, poll-interval: often }\n  locks:\n")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.aws.poll-interval").contains("'often'"));
        assertThat(problems(EXAMPLE.replace("attempts: 20", "attempts: many")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.health.attempts").contains("whole number"));
    }

    @Test
    void reportsEveryMissingOrMalformedRuleOfAnEnvironmentAtOnce() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE
                .replace("\n          branch: dev\n", "\n")
                .replace("\"{version}-dev\"", "\"dev-build\"")
                .replace("port: 18090", "port: 80"));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.branch").contains("required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.dev.tag").contains("{version}"));
    }

    @Test
    void pointsAtTheLineOfAFileThatIsNotYaml() {
        assertThat(problems("slipway:\n  services:\n    hello: [unclosed\n")).anySatisfy(p -> assertThat(p).contains("line").contains("not valid YAML"));
    }

    @Test
    void reportsATargetTypeThisBuildDoesNotHaveAndTheTargetsOwnComplaints() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        assertThat(problems(EXAMPLE.replace("type: local, command: \"python3 app.py\", port: 18090", "type: lambda, function: hello")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.prod.target.type")
                        .contains("'lambda'").contains("available: local"));
        assertThat(problems(EXAMPLE.replace(", port: 18090", "")))
                .anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.prod.target").contains("port"));
    }

    @Test
    void wiresTheAwsTargetsWhenAnEnvironmentUsesOneAndLetsThemCheckTheirSettings() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));

        List<String> problems = problems(EXAMPLE.replace("  locks:\n", "  aws: { region: eu-west-1 }\n  locks:\n")
                .replace("type: local, command: \"python3 app.py\", port: 18090", "type: ecs, services: hello"));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.environments.prod.target").contains("cluster"));
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains("not available in this build"));
    }

    @Test
    void reportsARepositoryThatDoesNotExistWithTheFolderItLookedIn() {
        List<String> problems = problems(EXAMPLE);

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("slipway.services.hello.repository")
                .contains(folder.resolve("hello-service").toString()));
    }

    @Test
    void refusesAFileWithoutAnyService() {
        assertThat(problems("slipway:\n  state-dir: .slipway\n")).anySatisfy(p -> assertThat(p).startsWith("slipway.services").contains("no service"));
    }

    @Test
    void reportsAMissingFileWithItsPathAndHowToPointAtAnother() {
        Launch launch = new Launch(folder.resolve("absent.yml"), false, Optional.empty(), List.of());

        List<String> problems = problems(launch);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains(folder.resolve("absent.yml").toString()).contains("--config"));
    }

    private Catalog catalog(String yaml) throws IOException {
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, yaml);
        try (ConfigurableApplicationContext context = SlipwayApplication.application(new Launch(file, false, Optional.empty(), List.of())).run()) {
            return context.getBean(Catalog.class);
        }
    }

    private List<String> problems(String yaml) {
        Path file = folder.resolve("slipway.yml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return problems(new Launch(file, false, Optional.empty(), List.of()));
    }

    private static List<String> problems(Launch launch) {
        try (ConfigurableApplicationContext context = SlipwayApplication.application(launch).run()) {
            context.getBean(Catalog.class);
        } catch (RuntimeException failure) {
            return BindingFailures.explain(failure).orElseThrow(() -> new AssertionError("not explained as a configuration problem", failure))
                    .problems().stream().map(Object::toString).toList();
        }
        throw new AssertionError("the configuration was accepted");
    }
}

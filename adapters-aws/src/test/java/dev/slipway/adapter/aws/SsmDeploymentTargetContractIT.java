package dev.slipway.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.slipway.application.fakes.FakeArtifactRegistry;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.InMemoryBundleStore;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTargetContract;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment target contract against the ec2-ssm target, with SSM played by WireMock as two instances whose agent
 * behaves like {@code deploy/agent/slipway-agent.sh} (VERSION written only once the release answers its health check),
 * ECR and S3 as the in-memory fakes, and the release answering on a JDK HTTP server named by the {@code endpoint} setting.
 */
class SsmDeploymentTargetContractIT extends DeploymentTargetContract {

    private static final List<String> INSTANCES = List.of("i-00000000000000a1", "i-00000000000000a2");
    private static final HealthCheck WITH_VERSION = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ZERO, Optional.of("/version"));

    private final ReleaseEndpoint endpoint = new ReleaseEndpoint();
    private final Instances instances = new Instances(endpoint);
    private final WireMockServer server = PlayedAws.start(instances);
    private final AwsClients clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(server.baseUrl()), MotoServer.REGION)
            .withRetries(2, Duration.ofMillis(5)));
    private final FakeArtifactRegistry images = new FakeArtifactRegistry();
    private final InMemoryBundleStore bundles = new InMemoryBundleStore();
    private final FakeClock clock = new FakeClock();
    private final Service service = Service.of("hello", new SourceRepository("/srv/hello"), List.of(new Environment(
            "dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("ec2-ssm", Map.of(
                    "instances", String.join(",", INSTANCES), "bucket", "slipway-bundles",
                    "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "endpoint", endpoint.uri().toString())),
            WITH_VERSION, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false)));
    private SsmDeploymentTarget target;

    @BeforeEach
    void buildTheTarget() {
        DummyCredentials.install();
        target = reopened();
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop();
        endpoint.close();
    }

    @AfterEach
    void everyCommandWentToBothInstancesAsPositionalArguments() {
        assertThat(instances.scripts).allSatisfy(script -> assertThat(script).anyMatch(line -> line.startsWith("set -- ")));
    }

    @Override
    protected boolean keepsThePreviousReleaseServingWhenARollOutFails() {
        return false;
    }

    @Override
    protected DeploymentTarget target() {
        return target;
    }

    @Override
    protected SsmDeploymentTarget reopened() {
        return new SsmDeploymentTarget(clients.ssm(), clients.ec2(), images, bundles, clock, Duration.ofMillis(1));
    }

    @Override
    protected Service service() {
        return service;
    }

    @Override
    protected ReleaseSource sourceOf(Release release, Behaviour behaviour) {
        if (images.find("hello", release.tag()).isEmpty()) images.push("hello", release.tag());
        instances.behaviours.put(release.tag(), behaviour);
        return directory -> {
            try {
                Files.writeString(directory.resolve(".env.example"), "GREETING=hello\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Override
    protected Optional<String> versionAnsweredAt(URI where) {
        return ReleaseEndpoint.versionAt(where);
    }

    /**
     * SSM with two online instances running the agent: {@code deploy} removes VERSION, starts the release and writes
     * VERSION once it is healthy (exit 14 when it never is, 13 when it exits at once); reading VERSION fails with 3
     * when nothing is deployed. Both instances always behave alike.
     */
    static final class Instances extends PlayedAws {

        private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

        final Map<String, Behaviour> behaviours = new HashMap<>();
        final List<List<String>> scripts = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, ObjectNode> invocations = new HashMap<>();
        private final ReleaseEndpoint endpoint;
        private Optional<String> version = Optional.empty();

        Instances(ReleaseEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected ObjectNode answer(String operation, JsonNode request) {
            return switch (operation) {
                case "DescribeInstanceInformation" -> {
                    ObjectNode answer = JSON.createObjectNode();
                    var list = answer.putArray("InstanceInformationList");
                    INSTANCES.forEach(id -> list.addObject().put("InstanceId", id).put("PingStatus", "Online"));
                    yield answer;
                }
                case "SendCommand" -> {
                    List<String> script = new java.util.ArrayList<>();
                    request.path("Parameters").path("commands").forEach(line -> script.add(line.asText()));
                    scripts.add(script);
                    assertThat(request.path("InstanceIds")).hasSize(INSTANCES.size());
                    ObjectNode invocation = run(script);
                    String id = "cmd-" + scripts.size();
                    invocations.put(id, invocation);
                    ObjectNode answer = JSON.createObjectNode();
                    answer.putObject("Command").put("CommandId", id).put("DocumentName", request.path("DocumentName").asText());
                    yield answer;
                }
                case "GetCommandInvocation" -> {
                    ObjectNode invocation = invocations.get(request.path("CommandId").asText());
                    if (invocation == null) throw new IllegalArgumentException("no command " + request.path("CommandId").asText());
                    yield invocation.deepCopy().put("CommandId", request.path("CommandId").asText()).put("InstanceId", request.path("InstanceId").asText());
                }
                default -> throw new IllegalArgumentException("SSM as played here has no " + operation);
            };
        }

        private ObjectNode run(List<String> script) {
            List<String> arguments = new java.util.ArrayList<>();
            Matcher quoted = QUOTED.matcher(script.stream().filter(line -> line.startsWith("set -- ")).findFirst().orElseThrow());
            while (quoted.find()) arguments.add(quoted.group(1));
            if (script.getLast().contains("slipway-agent.sh\" deploy")) return deploy(arguments.get(2));
            return version.map(tag -> invocation("Success", 0, tag + "\n", ""))
                    .orElseGet(() -> invocation("Failed", 3, "", "slipway-agent: nothing deployed for hello/dev"));
        }

        private ObjectNode deploy(String tag) {
            if (version.equals(Optional.of(tag))) return invocation("Success", 0, "slipway-agent: hello/dev already runs " + tag, "");
            version = Optional.empty();
            endpoint.stopServing();
            return switch (behaviours.getOrDefault(tag, Behaviour.EXITS_AT_ONCE)) {
                case HEALTHY -> {
                    version = Optional.of(tag);
                    endpoint.serve(tag);
                    yield invocation("Success", 0, "slipway-agent: hello/dev runs " + tag, "");
                }
                case NEVER_HEALTHY -> invocation("Failed", 14, "", "slipway-agent: http://127.0.0.1:8080/health did not answer after 30 attempts");
                case EXITS_AT_ONCE -> invocation("Failed", 13, "", "slipway-agent: slipway-hello-dev did not start");
            };
        }

        private static ObjectNode invocation(String status, int code, String out, String err) {
            return JSON.createObjectNode().put("Status", status).put("StatusDetails", status).put("ResponseCode", code)
                    .put("StandardOutputContent", out).put("StandardErrorContent", err);
        }
    }
}

package dev.slipway.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.slipway.application.fakes.FakeArtifactRegistry;
import dev.slipway.application.fakes.FakeClock;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment target contract against the ecs target, with ECS played by WireMock as one service whose deployments
 * complete when the release is healthy and, when it is not, keep the old tasks running while the new ones stop; the
 * release answers on a JDK HTTP server named by the {@code endpoint} setting, ECR is the in-memory fake.
 */
class EcsDeploymentTargetContractIT extends DeploymentTargetContract {

    static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
    private static final HealthCheck WITH_VERSION = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ZERO, Optional.of("/version"));

    private final ReleaseEndpoint endpoint = new ReleaseEndpoint();
    private final Cluster cluster = new Cluster(endpoint);
    private final WireMockServer server = PlayedAws.start(cluster);
    private final AwsClients clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(server.baseUrl()), MotoServer.REGION)
            .withRetries(2, Duration.ofMillis(5)));
    private final FakeArtifactRegistry images = new FakeArtifactRegistry();
    private final FakeClock clock = new FakeClock();
    private final Service service = Service.of("hello", new SourceRepository("/srv/hello"), List.of(new Environment(
            "dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("ecs", Map.of(
                    "cluster", "apps", "services", "api", "repository", REPOSITORY, "rollout-timeout", "1m", "endpoint", endpoint.uri().toString())),
            WITH_VERSION, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false)));
    private EcsDeploymentTarget target;

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

    @Override
    protected boolean keepsThePreviousReleaseServingWhenARollOutFails() {
        return false;
    }

    @Override
    protected DeploymentTarget target() {
        return target;
    }

    @Override
    protected EcsDeploymentTarget reopened() {
        return new EcsDeploymentTarget(clients.ecs(), images, clock, Duration.ofMillis(1));
    }

    @Override
    protected Service service() {
        return service;
    }

    @Override
    protected ReleaseSource sourceOf(Release release, Behaviour behaviour) {
        if (images.find("hello", release.tag()).isEmpty()) images.push("hello", release.tag());
        cluster.behaviours.put(release.tag(), behaviour);
        return directory -> {
            throw new IllegalStateException("the ecs target never reads release files");
        };
    }

    @Override
    protected Optional<String> versionAnsweredAt(URI where) {
        return ReleaseEndpoint.versionAt(where);
    }

    /**
     * ECS with service {@code api} of cluster {@code apps}, created on revision 1 of family {@code api} with no task
     * running. UpdateService starts a deployment: a healthy release completes and its tasks replace the old ones; any
     * other stops its new task (failedTasks 1, with the reason ECS would give) and the old tasks keep running.
     */
    static final class Cluster extends PlayedAws {

        private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";

        final Map<String, Behaviour> behaviours = new HashMap<>();
        private final ReleaseEndpoint endpoint;
        /** The image tag of each revision of family {@code api}, revision n at index n - 1. */
        private final List<String> revisions = new ArrayList<>(List.of("0.0.0-none"));
        private final List<ObjectNode> stoppedTasks = new ArrayList<>();
        private int serviceRevision = 1;
        private int runningRevision = 0;
        private ObjectNode deployment = deployment(1, "COMPLETED", 0);
        private int deployments = 1;

        Cluster(ReleaseEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        private static String definitionArn(int revision) {
            return ARN + "task-definition/api:" + revision;
        }

        private int revisionOf(String reference) {
            String revision = reference.substring(reference.lastIndexOf(':') + 1);
            if (!reference.contains("api:") || !revision.matches("[0-9]+") || Integer.parseInt(revision) > revisions.size()) {
                throw new IllegalArgumentException("Unable to describe task definition " + reference);
            }
            return Integer.parseInt(revision);
        }

        private ObjectNode deployment(int revision, String state, int failed) {
            return JSON.createObjectNode().put("id", "ecs-svc/" + (deployments + 1000)).put("status", "PRIMARY").put("taskDefinition", definitionArn(revision))
                    .put("rolloutState", state).put("desiredCount", 1).put("runningCount", "COMPLETED".equals(state) ? 1 : 0).put("failedTasks", failed);
        }

        @Override
        protected ObjectNode answer(String operation, JsonNode request) {
            ObjectNode answer = JSON.createObjectNode();
            switch (operation) {
                case "DescribeServices" -> {
                    ObjectNode api = answer.putArray("services").addObject().put("serviceName", "api").put("serviceArn", ARN + "service/apps/api")
                            .put("taskDefinition", definitionArn(serviceRevision)).put("desiredCount", 1).put("runningCount", runningRevision == 0 ? 0 : 1);
                    api.putArray("deployments").add(deployment);
                    answer.putArray("failures");
                }
                case "DescribeTaskDefinition" -> {
                    int revision = revisionOf(request.path("taskDefinition").asText());
                    ObjectNode definition = answer.putObject("taskDefinition").put("taskDefinitionArn", definitionArn(revision)).put("family", "api")
                            .put("revision", revision).put("status", "ACTIVE").put("cpu", "256").put("memory", "512");
                    definition.putArray("containerDefinitions").addObject().put("name", "app").put("image", REPOSITORY + ":" + revisions.get(revision - 1)).put("essential", true);
                    answer.putArray("tags");
                }
                case "ListTaskDefinitions" -> {
                    ArrayNode arns = answer.putArray("taskDefinitionArns");
                    for (int revision = revisions.size(); revision >= 1; revision--) arns.add(definitionArn(revision));
                }
                case "RegisterTaskDefinition" -> {
                    String image = request.path("containerDefinitions").get(0).path("image").asText();
                    revisions.add(image.substring(image.lastIndexOf(':') + 1));
                    answer.putObject("taskDefinition").put("taskDefinitionArn", definitionArn(revisions.size())).put("family", "api").put("revision", revisions.size());
                }
                case "UpdateService" -> {
                    int revision = revisionOf(request.path("taskDefinition").asText());
                    update(revision);
                    answer.putObject("service").put("serviceName", "api").put("taskDefinition", definitionArn(revision));
                }
                case "ListTasks" -> {
                    ArrayNode arns = answer.putArray("taskArns");
                    if ("STOPPED".equals(request.path("desiredStatus").asText())) stoppedTasks.forEach(t -> arns.add(t.path("taskArn").asText()));
                    else if (runningRevision > 0) arns.add(ARN + "task/apps/running-" + runningRevision);
                }
                case "DescribeTasks" -> {
                    ArrayNode tasks = answer.putArray("tasks");
                    for (JsonNode arn : request.path("tasks")) {
                        stoppedTasks.stream().filter(t -> t.path("taskArn").asText().equals(arn.asText())).findFirst().ifPresentOrElse(tasks::add, () -> {
                            if (arn.asText().equals(ARN + "task/apps/running-" + runningRevision)) {
                                tasks.addObject().put("taskArn", arn.asText()).put("taskDefinitionArn", definitionArn(runningRevision))
                                        .put("lastStatus", "RUNNING").put("desiredStatus", "RUNNING");
                            }
                        });
                    }
                    answer.putArray("failures");
                }
                default -> throw new IllegalArgumentException("ECS as played here has no " + operation);
            }
            return answer;
        }

        private void update(int revision) {
            serviceRevision = revision;
            if (revision == runningRevision) {
                deployment = deployment(revision, "COMPLETED", 0);
                return;
            }
            deployments++;
            Behaviour behaviour = behaviours.getOrDefault(revisions.get(revision - 1), Behaviour.EXITS_AT_ONCE);
            if (behaviour == Behaviour.HEALTHY) {
                deployment = deployment(revision, "COMPLETED", 0);
                runningRevision = revision;
                endpoint.serve(revisions.get(revision - 1));
                return;
            }
            deployment = deployment(revision, "IN_PROGRESS", 1);
            stoppedTasks.add(JSON.createObjectNode().put("taskArn", ARN + "task/apps/stopped-" + stoppedTasks.size())
                    .put("startedBy", deployment.path("id").asText()).put("taskDefinitionArn", definitionArn(revision)).put("lastStatus", "STOPPED")
                    .put("stoppedReason", behaviour == Behaviour.NEVER_HEALTHY ? "Task failed ELB health checks in (target-group api)" : "Essential container in task exited"));
        }
    }
}

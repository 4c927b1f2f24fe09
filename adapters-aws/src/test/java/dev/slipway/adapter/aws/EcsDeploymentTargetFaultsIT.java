package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.slipway.application.fakes.FakeArtifactRegistry;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTarget.Rollout;
import dev.slipway.application.port.out.RecordingStepContext;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.aws.AwsJson.call;
import static dev.slipway.adapter.aws.AwsJson.count;
import static dev.slipway.adapter.aws.AwsJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The ecs target's roll-out against ECS played by WireMock: rollout states moto does not move. */
class EcsDeploymentTargetFaultsIT {

    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
    private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:task-definition/";
    private static WireMockServer server;
    private static AwsClients clients;
    private static EcsClient ecs;
    private static software.amazon.awssdk.services.codebuild.CodeBuildClient codeBuild;
    private final FakeClock clock = new FakeClock();

    @BeforeAll
    static void start() {
        DummyCredentials.install();
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(server.baseUrl()), MotoServer.REGION).withRetries(2, Duration.ofMillis(5)));
        ecs = clients.ecs();
        codeBuild = clients.codeBuild();
    }

    @AfterAll
    static void stop() {
        ecs.close();
        codeBuild.close();
        clients.close();
        server.stop();
    }

    @BeforeEach
    void twoServicesOnRevisionOneWithRevisionTwoRegistrable() {
        server.resetAll();
        for (String family : List.of("api", "web")) {
            for (int revision = 1; revision <= 2; revision++) {
                server.stubFor(call(ECS + "DescribeTaskDefinition", "$.taskDefinition", ARN + family + ":" + revision).willReturn(ok(definition(family, revision, revision == 1 ? "0.1.29-dev" : "0.1.30-dev"))));
            }
            server.stubFor(call(ECS + "RegisterTaskDefinition", "$.family", family).willReturn(ok(definition(family, 2, "0.1.30-dev"))));
            server.stubFor(call(ECS + "ListTaskDefinitions", "$.familyPrefix", family).willReturn(ok("{\"taskDefinitionArns\":[\"%s%s:1\"]}".formatted(ARN, family))));
        }
        server.stubFor(call(ECS + "UpdateService").willReturn(ok("{\"service\":{}}")));
    }

    private static String definition(String family, int revision, String tag) {
        return """
                {"taskDefinition":{"taskDefinitionArn":"%s%s:%d","family":"%s","revision":%d,"status":"ACTIVE","cpu":"256","memory":"512",
                 "containerDefinitions":[{"name":"app","image":"%s:%s","essential":true},{"name":"proxy","image":"nginx:1.27"}]},"tags":[]}"""
                .formatted(ARN, family, revision, family, revision, REPOSITORY, tag);
    }

    private static String services(String state, String reason, int running) {
        return """
                {"services":[%s,%s],"failures":[]}""".formatted(service("api", state, reason, running), service("web", state, reason, running));
    }

    private static String service(String name, String state, String reason, int running) {
        return """
                {"serviceName":"%s","taskDefinition":"%s%s:1","desiredCount":2,"runningCount":%d,
                 "deployments":[{"id":"ecs-svc/%s2","status":"PRIMARY","taskDefinition":"%s%s:2","rolloutState":"%s","rolloutStateReason":"%s","desiredCount":2,"runningCount":%d,"failedTasks":0},
                                {"id":"ecs-svc/%s1","status":"ACTIVE","taskDefinition":"%s%s:1","rolloutState":"COMPLETED","desiredCount":2,"runningCount":2}]}"""
                .formatted(name, ARN, name, running, name, ARN, name, state, reason, running, name, ARN, name);
    }

    private void describeServicesGoes(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            var stub = call(ECS + "DescribeServices").inScenario("rollout").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i);
            if (i < bodies.length - 1) stub = stub.willSetStateTo("s" + (i + 1));
            server.stubFor(stub.willReturn(ok(bodies[i])));
        }
    }

    private Rollout rollOut(Map<String, String> extra, String tag) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("cluster", "apps", "services", "api,web", "repository", REPOSITORY, "rollout-timeout", "30s"));
        settings.putAll(extra);
        AwsDeployments slipway = new AwsDeployments("ecs", settings, d -> target());
        return target().rollOut(slipway.service, slipway.dev, Release.of("hello", Version.parse(tag.replace("-dev", "")), tag, CommitId.of("b".repeat(40))),
                Optional.empty(), new RecordingStepContext(clock.now().plusSeconds(600)));
    }

    private EcsDeploymentTarget target() {
        return new EcsDeploymentTarget(ecs, new FakeArtifactRegistry(), clock, Duration.ofSeconds(1));
    }

    @Test
    void twoServicesRollOutTogetherUntilBothAreCompleted() {
        describeServicesGoes(
                services("IN_PROGRESS", "", 1), services("IN_PROGRESS", "", 1), // each service's current revision
                services("IN_PROGRESS", "", 1), services("COMPLETED", "ECS deployment completed.", 2));

        Rollout rollout = rollOut(Map.of(), "0.1.30-dev");

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(rollout.detail()).isEqualTo("api, web rolled out api:2, web:2");
        assertThat(rollout.instances()).hasSize(2).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(count(server, ECS + "RegisterTaskDefinition")).isEqualTo(2);
        server.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))
                .withRequestBody(WireMock.matchingJsonPath("$.taskDefinition", WireMock.equalTo(ARN + "web:2"))));
        server.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "RegisterTaskDefinition"))
                .withRequestBody(WireMock.matchingJsonPath("$.containerDefinitions[0].image", WireMock.equalTo(REPOSITORY + ":0.1.30-dev")))
                .withRequestBody(WireMock.matchingJsonPath("$.containerDefinitions[1].image", WireMock.equalTo("nginx:1.27")))
                .withRequestBody(WireMock.matchingJsonPath("$.cpu", WireMock.equalTo("256"))));
    }

    @Test
    void withTheCircuitBreakerOnECSDecidesWhenStoppedTasksFailTheRolloutAndSlipwayRollsBack() {
        describeServicesGoes(services("IN_PROGRESS", "", 1), services("IN_PROGRESS", "", 1),
                services("IN_PROGRESS", "", 1).replace("\"failedTasks\":0", "\"failedTasks\":1"),
                services("COMPLETED", "ECS deployment completed.", 2));

        Rollout rollout = rollOut(Map.of("circuit-breaker", "true"), "0.1.30-dev");

        // One stopped task is not the end with the breaker on: ECS's threshold decides, and here the roll-out completed.
        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        server.verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))
                .withRequestBody(WireMock.matchingJsonPath("$.deploymentConfiguration.deploymentCircuitBreaker.enable", WireMock.equalTo("true")))
                .withRequestBody(WireMock.matchingJsonPath("$.deploymentConfiguration.deploymentCircuitBreaker.rollback", WireMock.equalTo("false"))));

        server.resetRequests();
        server.resetScenarios();
        describeServicesGoes(services("IN_PROGRESS", "", 1), services("IN_PROGRESS", "", 1),
                services("FAILED", "ECS deployment circuit breaker: tasks failed to start.", 0));
        server.stubFor(call(ECS + "ListTasks").willReturn(ok("{\"taskArns\":[]}")));

        Rollout failed = rollOut(Map.of("circuit-breaker", "true"), "0.1.30-dev");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.previousStillServing()).isFalse();
        assertThat(failed.detail()).contains("failed to roll out api:2: ECS deployment circuit breaker: tasks failed to start.");
    }

    @Test
    void withoutTheCircuitBreakerSettingTheServicesDeploymentConfigurationIsLeftAlone() {
        describeServicesGoes(services("IN_PROGRESS", "", 1), services("IN_PROGRESS", "", 1), services("COMPLETED", "ECS deployment completed.", 2));

        assertThat(rollOut(Map.of(), "0.1.30-dev").succeeded()).isTrue();

        server.verify(0, WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))
                .withRequestBody(WireMock.matchingJsonPath("$.deploymentConfiguration")));
    }

    @Test
    void aFailedRolloutFailsFastQuotingTheFirstStoppedTaskAndTheRollbackReusesTheActivePreviousRevision() {
        describeServicesGoes(services("IN_PROGRESS", "", 1), services("IN_PROGRESS", "", 1),
                services("FAILED", "ECS deployment circuit breaker: tasks failed to start.", 0));
        server.stubFor(call(ECS + "ListTasks").willReturn(ok("{\"taskArns\":[\"arn:aws:ecs:eu-west-1:123456789012:task/apps/t1\",\"arn:aws:ecs:eu-west-1:123456789012:task/apps/t2\"]}")));
        server.stubFor(call(ECS + "DescribeTasks").willReturn(ok("""
                {"tasks":[{"taskArn":"t2","taskDefinitionArn":"%sapi:2","stoppedReason":"Essential container in task exited","stoppedAt":1700000100},
                          {"taskArn":"t1","taskDefinitionArn":"%sapi:2","stoppedReason":"CannotPullContainerError: pull access denied","stoppedAt":1700000000},
                          {"taskArn":"t0","taskDefinitionArn":"%sapi:1","stoppedReason":"Scaling activity initiated by deployment ecs-svc/api1","stoppedAt":1690000000}]}"""
                .formatted(ARN, ARN, ARN))));

        Rollout failed = rollOut(Map.of(), "0.1.30-dev");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.detail()).contains("api failed to roll out api:2: ECS deployment circuit breaker")
                .contains("first stopped task: CannotPullContainerError: pull access denied");
        assertThat(count(server, ECS + "DescribeServices")).isEqualTo(3);

        server.resetRequests();
        server.resetScenarios();
        server.stubFor(call(ECS + "DescribeServices").atPriority(1).willReturn(ok(services("COMPLETED", "", 2).replace(":2\",\"rolloutState", ":1\",\"rolloutState"))));
        server.stubFor(call(ECS + "ListTaskDefinitions").atPriority(1).willReturn(ok("{\"taskDefinitionArns\":[\"%sapi:2\",\"%sapi:1\"]}".formatted(ARN, ARN))));
        Rollout back = rollOut(Map.of("services", "api"), "0.1.29-dev");

        assertThat(back.succeeded()).as(back.detail()).isTrue();
        assertThat(count(server, ECS + "RegisterTaskDefinition")).isZero();
        server.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))
                .withRequestBody(WireMock.matchingJsonPath("$.taskDefinition", WireMock.equalTo(ARN + "api:1"))));
    }

    /** One service, {@code api}, that runs revision 1 until an UpdateService moves it: to 2, whose new tasks keep stopping, or back to 1. */
    private void apiWhoseRevisionTwoTasksStop() {
        server.stubFor(call(ECS + "UpdateService", "$.taskDefinition", ARN + "api:2").inScenario("api").willSetStateTo("rolling 2").willReturn(ok("{\"service\":{}}")));
        server.stubFor(call(ECS + "UpdateService", "$.taskDefinition", ARN + "api:1").inScenario("api").willSetStateTo("back on 1").willReturn(ok("{\"service\":{}}")));
        String onOne = """
                {"services":[{"serviceName":"api","taskDefinition":"%sapi:1","desiredCount":2,"runningCount":2,
                 "deployments":[{"id":"ecs-svc/api1","status":"PRIMARY","taskDefinition":"%sapi:1","rolloutState":"COMPLETED","desiredCount":2,"runningCount":2,"failedTasks":0}]}],"failures":[]}"""
                .formatted(ARN, ARN);
        String rollingTwo = """
                {"services":[{"serviceName":"api","taskDefinition":"%sapi:2","desiredCount":2,"runningCount":2,
                 "deployments":[{"id":"ecs-svc/api2","status":"PRIMARY","taskDefinition":"%sapi:2","rolloutState":"IN_PROGRESS","desiredCount":2,"runningCount":0,"failedTasks":1},
                                {"id":"ecs-svc/api1","status":"ACTIVE","taskDefinition":"%sapi:1","rolloutState":"COMPLETED","desiredCount":2,"runningCount":2,"failedTasks":0}]}],"failures":[]}"""
                .formatted(ARN, ARN, ARN);
        for (String state : List.of(Scenario.STARTED, "back on 1")) {
            server.stubFor(call(ECS + "DescribeServices").inScenario("api").whenScenarioStateIs(state).willReturn(ok(onOne)));
            server.stubFor(call(ECS + "ListTaskDefinitions").atPriority(1).inScenario("api").whenScenarioStateIs(state)
                    .willReturn(ok("{\"taskDefinitionArns\":[\"%sapi:1\"]}".formatted(ARN))));
        }
        server.stubFor(call(ECS + "DescribeServices").inScenario("api").whenScenarioStateIs("rolling 2").willReturn(ok(rollingTwo)));
        server.stubFor(call(ECS + "ListTaskDefinitions").atPriority(1).inScenario("api").whenScenarioStateIs("rolling 2")
                .willReturn(ok("{\"taskDefinitionArns\":[\"%sapi:2\",\"%sapi:1\"]}".formatted(ARN, ARN))));
        server.stubFor(call(ECS + "ListTasks", "$.desiredStatus", "STOPPED").willReturn(ok("""
                {"taskArns":["arn:aws:ecs:eu-west-1:123456789012:task/apps/old","arn:aws:ecs:eu-west-1:123456789012:task/apps/new"]}""")));
        server.stubFor(call(ECS + "DescribeTasks").willReturn(ok("""
                {"tasks":[{"taskArn":"old","startedBy":"ecs-svc/api1","taskDefinitionArn":"%sapi:1","stoppedReason":"Scaling activity initiated by deployment ecs-svc/api1","stoppedAt":1690000000},
                          {"taskArn":"new","startedBy":"ecs-svc/api2","taskDefinitionArn":"%sapi:2","stoppedReason":"Essential container in task exited","stoppedAt":1700000000}]}"""
                .formatted(ARN, ARN))));
    }

    @Test
    void newTasksThatStopFailTheRolloutAtOnceQuotingTheirReasonAndTheRollbackRestoresTheActivePreviousRevision() {
        apiWhoseRevisionTwoTasksStop();
        FakeArtifactRegistry images = new FakeArtifactRegistry();
        images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY, "rollout-timeout", "10m",
                "endpoint", "http://hello.internal:8080"), d -> new EcsDeploymentTarget(ecs, images, d.clock, Duration.ofSeconds(1)));
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        int describedBefore = count(server, ECS + "DescribeServices");

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.29-dev");
            assertThat(back.reason()).contains("api failed to roll out api:2: 1 new task stopped: first stopped task: Essential container in task exited")
                    .doesNotContain("Scaling activity");
        });
        // one look at the service before the update, one at the failing roll-out, then the rollback's two: no waiting in between
        assertThat(count(server, ECS + "DescribeServices") - describedBefore).isEqualTo(4);
        var updates = server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService")));
        assertThat(updates.getLast().getBodyAsString()).contains("\"taskDefinition\":\"%sapi:1\"".formatted(ARN));
        assertThat(count(server, ECS + "RegisterTaskDefinition")).isEqualTo(1);
    }

    @Test
    void aPersistentServerErrorOnTheFirstUpdateServiceFailsWithTheEnvironmentAsItWasAndNoRollback() {
        apiWhoseRevisionTwoTasksStop();
        FakeArtifactRegistry images = new FakeArtifactRegistry();
        String before = images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY, "rollout-timeout", "10m",
                "endpoint", "http://hello.internal:8080"), d -> new EcsDeploymentTarget(ecs, images, d.clock, Duration.ofSeconds(1)));
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).isEqualTo(before);
        slipway.commit("second");
        server.resetRequests();
        server.stubFor(call(ECS + "UpdateService").atPriority(1).willReturn(AwsJson.error(500, "ServerException", "broken")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class, failed -> {
            assertThat(failed.running()).isEqualTo("0.1.29-dev");
            assertThat(failed.reason()).contains("ECS could not update service api: ServerException (HTTP 500").contains("no service was updated, api still runs what it ran");
            assertThat(failed.deployment().step("rollback")).isEmpty();
        });
        // one UpdateService, tried twice by the SDK; no rollback's UpdateService after it
        assertThat(count(server, ECS + "UpdateService")).isEqualTo(2);
        assertThat(server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))))
                .allSatisfy(update -> assertThat(update.getBodyAsString()).contains(ARN + "api:2"));
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).as("latest-dev still names the release that ran").isEqualTo(before);
    }

    @Test
    void aRollOutThatUpdatedOnlySomeServicesSaysWhichAndItsRollbackBringsBackOnlyThose() {
        server.stubFor(call(ECS + "DescribeServices").willReturn(ok(services("IN_PROGRESS", "", 1))));
        server.stubFor(call(ECS + "UpdateService", "$.service", "web").atPriority(1).willReturn(AwsJson.error(500, "ServerException", "broken")));
        server.stubFor(call(ECS + "UpdateService", "$.service", "api").atPriority(1).willReturn(ok("""
                {"service":{"serviceName":"api","deployments":[{"id":"ecs-svc/api2","status":"PRIMARY","taskDefinition":"%sapi:2","rolloutState":"IN_PROGRESS"}]}}"""
                .formatted(ARN))));
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api,web", "repository", REPOSITORY, "endpoint", "none"), d -> target());
        RecordingStepContext step = new RecordingStepContext(clock.now().plusSeconds(600));

        Rollout rollout = target().rollOut(slipway.service, slipway.dev, Release.of("hello", Version.parse("0.1.30"), "0.1.30-dev", CommitId.of("b".repeat(40))),
                Optional.of(Release.of("hello", Version.parse("0.1.29"), "0.1.29-dev", CommitId.of("a".repeat(40)))), step);

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.previousStillServing()).isFalse();
        assertThat(rollout.detail()).startsWith("ECS could not update service web: ServerException (HTTP 500")
                .endsWith("; changed: api (updated to api:2); unchanged: web");
        assertThat(step.journal()).containsEntry(DeploymentTarget.CHANGED, "api").containsEntry("ecs-deployment api", "ecs-svc/api2")
                .containsEntry("task-definition api", ARN + "api:2").containsEntry("previous-task-definition api", ARN + "api:1");
        assertThat(step.reports()).contains("api now deploys api:2 (ECS deployment ecs-svc/api2)");

        server.resetRequests();
        server.stubFor(call(ECS + "DescribeServices").atPriority(1).willReturn(ok(services("COMPLETED", "", 2).replace(":2\",\"rolloutState", ":1\",\"rolloutState"))));
        server.stubFor(call(ECS + "UpdateService", "$.service", "api").atPriority(1).willReturn(ok("{\"service\":{}}")));
        RecordingStepContext rollback = new RecordingStepContext(clock.now().plusSeconds(600));
        rollback.remember(DeploymentTarget.CHANGED, "api");

        Rollout back = target().rollOut(slipway.service, slipway.dev, Release.of("hello", Version.parse("0.1.29"), "0.1.29-dev", CommitId.of("a".repeat(40))),
                Optional.of(Release.of("hello", Version.parse("0.1.30"), "0.1.30-dev", CommitId.of("b".repeat(40)))), rollback);

        assertThat(back.succeeded()).as(back.detail()).isTrue();
        assertThat(server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "UpdateService"))))
                .singleElement().satisfies(update -> assertThat(update.getBodyAsString()).contains("\"service\":\"api\"").contains(ARN + "api:1"));
        assertThat(rollback.reports()).contains("only the service that changed: api");
    }

    @Test
    void aHealthCheckWithoutAnEndpointIsAConfigurationErrorNamingTheEndpoint() {
        AwsDeployments withoutEndpoint = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY), d -> target());
        AwsDeployments declined = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY, "endpoint", "none"), d -> target());
        AwsDeployments probed = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY, "endpoint", "https://hello.example.com"), d -> target());

        assertThat(target().validate(withoutEndpoint.service, withoutEndpoint.dev)).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("'endpoint' is required: the health check (GET /health) needs the URL where the environment answers").contains("endpoint: none"));
        assertThat(target().validate(declined.service, declined.dev)).isEmpty();
        assertThat(target().validate(probed.service, probed.dev)).isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRolloutThatNeverCompletesStopsAtItsOwnTimeout() {
        server.stubFor(call(ECS + "DescribeServices").willReturn(ok(services("IN_PROGRESS", "", 1))));

        Rollout rollout = rollOut(Map.of("rollout-timeout", "5s"), "0.1.30-dev");

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.detail()).startsWith("timed out after PT5S waiting for the roll-out: api IN_PROGRESS: 1 of 2 tasks running");
        assertThat(count(server, ECS + "DescribeServices")).isBetween(5, 10);
    }

    /** The running tasks of {@code service}: each entry is a task definition revision of that family (1 runs 0.1.29-dev, 2 runs 0.1.30-dev). */
    private void runningTasks(String service, int... revisions) {
        StringBuilder arns = new StringBuilder();
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < revisions.length; i++) {
            String arn = "arn:aws:ecs:eu-west-1:123456789012:task/apps/%s-%d".formatted(service, i);
            arns.append(i == 0 ? "" : ",").append('"').append(arn).append('"');
            tasks.append(i == 0 ? "" : ",").append("""
                    {"taskArn":"%s","taskDefinitionArn":"%s%s:%d","lastStatus":"RUNNING","desiredStatus":"RUNNING"}""".formatted(arn, ARN, service, revisions[i]));
        }
        server.stubFor(call(ECS + "ListTasks", "$.serviceName", service).willReturn(ok("{\"taskArns\":[%s]}".formatted(arns))));
        server.stubFor(call(ECS + "DescribeTasks").withRequestBody(WireMock.matchingJsonPath("$.tasks[0]", WireMock.containing("/" + service + "-")))
                .willReturn(ok("{\"tasks\":[%s],\"failures\":[]}".formatted(tasks))));
    }

    private Optional<DeploymentTarget.Running> runningOn(String services) {
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", services, "repository", REPOSITORY), d -> target());
        return target().running(slipway.service, slipway.dev);
    }

    @Test
    void theRunningVersionIsTheImageTagOfTheRunningTasksTaskDefinitionNotTheServices() {
        server.stubFor(call(ECS + "DescribeServices").willReturn(ok(services("IN_PROGRESS", "", 2))));
        runningTasks("api", 2, 2);
        runningTasks("web", 2);

        assertThat(runningOn("api,web")).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.30-dev");
            assertThat(running.alive()).isTrue();
            assertThat(running.detail()).isEqualTo("api, web run 0.1.30-dev (3 tasks)");
        });
        assertThat(count(server, ECS + "ListTasks")).isEqualTo(2);
        server.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/")).withHeader("X-Amz-Target", WireMock.equalTo(ECS + "ListTasks"))
                .withRequestBody(WireMock.matchingJsonPath("$.desiredStatus", WireMock.equalTo("RUNNING"))));
    }

    @Test
    void tasksOnDifferentTagsAreDriftToldInTheDetail() {
        runningTasks("api", 1, 2, 2);
        runningTasks("web", 2);

        assertThat(runningOn("api,web")).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.30-dev");
            assertThat(running.alive()).isFalse();
            assertThat(running.detail()).isEqualTo("tasks disagree: 0.1.29-dev on api (1 task); 0.1.30-dev on api (2 tasks), web (1 task)");
        });
    }

    @Test
    void aServiceWithoutRunningTasksRunsNothing() {
        runningTasks("api");

        assertThat(runningOn("api")).isEmpty();
    }

    @Test
    void withACodeBuildTheStatusAlsoTellsTheLatestBuildAndStillAnswersWhenNoTaskRuns() {
        server.stubFor(call("CodeBuild_20161006.ListBuildsForProject", "$.projectName", "hello-build").willReturn(ok("{\"ids\":[\"hello-build:b2\",\"hello-build:b1\"]}")));
        server.stubFor(call("CodeBuild_20161006.BatchGetBuilds", "$.ids[0]", "hello-build:b2").willReturn(ok("""
                {"builds":[{"id":"hello-build:b2","buildStatus":"IN_PROGRESS","startTime":1700000000,"phases":[{"phaseType":"BUILD","phaseStatus":"IN_PROGRESS"}],
                            "logs":{"deepLink":"https://console.aws.amazon.com/cloudwatch/home#logEvent:group=/aws/codebuild/hello-build"}}]}""")));
        runningTasks("api", 2);
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY,
                "build", "codebuild", "build-project", "hello-build"), d -> target());
        EcsDeploymentTarget withBuilds = new EcsDeploymentTarget(ecs, new FakeArtifactRegistry(), List.of(new CodeBuildTrigger(codeBuild, clock, Duration.ofMillis(1))),
                clock, Duration.ofMillis(1));

        assertThat(withBuilds.running(slipway.service, slipway.dev)).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.30-dev");
            assertThat(running.alive()).isTrue();
            assertThat(running.detail()).isEqualTo("api run 0.1.30-dev (1 task); latest codebuild of hello-build: hello-build:b2 IN_PROGRESS, started 2023-11-14T22:13:20Z"
                    + " (https://console.aws.amazon.com/cloudwatch/home#logEvent:group=/aws/codebuild/hello-build)");
        });

        runningTasks("api");
        assertThat(withBuilds.running(slipway.service, slipway.dev)).hasValueSatisfying(running -> {
            assertThat(running.alive()).isFalse();
            assertThat(running.detail()).startsWith("the target reports nothing running; latest codebuild of hello-build: hello-build:b2 IN_PROGRESS, started 2023-11-14T22:13:20Z");
        });
        assertThat(target().running(slipway.service, slipway.dev)).as("a Slipway without the trigger says so")
                .hasValueSatisfying(running -> assertThat(running.detail()).isEqualTo("the target reports nothing running; this Slipway has no codebuild build trigger"));
    }
}

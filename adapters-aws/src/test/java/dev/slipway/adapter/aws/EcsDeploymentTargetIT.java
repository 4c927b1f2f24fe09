package dev.slipway.adapter.aws;

import dev.slipway.application.fakes.FakeArtifactRegistry;
import dev.slipway.application.fakes.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ecs target's new task definition revision, registered on moto_server: only the release container's image changes. */
class EcsDeploymentTargetIT {

    private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
    private static MotoServer moto;
    private static AwsClients clients;
    private static EcsClient ecs;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(moto.settings());
        ecs = clients.ecs();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (ecs != null) ecs.close();
        if (clients != null) clients.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
    }

    @Test
    void aNewRevisionChangesTheReleaseImageAndNothingElse() {
        ecs.createCluster(r -> r.clusterName("apps"));
        String running = ecs.registerTaskDefinition(r -> r.family("hello-api")
                .taskRoleArn("arn:aws:iam::123456789012:role/hello-task").executionRoleArn("arn:aws:iam::123456789012:role/hello-exec")
                .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
                .tags(t -> t.key("team").value("payments"))
                .containerDefinitions(
                        ContainerDefinition.builder().name("api").image(REPOSITORY + ":0.1.29-dev").essential(true).memory(256)
                                .environment(KeyValuePair.builder().name("GREETING").value("hello").build())
                                .portMappings(PortMapping.builder().containerPort(8080).hostPort(8080).protocol("tcp").build())
                                .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of("awslogs-group", "/hello")).build())
                                .build(),
                        ContainerDefinition.builder().name("proxy").image("public.ecr.aws/nginx/nginx:1.27").essential(false).memory(64).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("apps").serviceName("api").taskDefinition(running).desiredCount(1));
        AwsDeployments slipway = new AwsDeployments("ecs", Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY),
                d -> new EcsDeploymentTarget(ecs, new FakeArtifactRegistry(), d.clock, Duration.ofMillis(1)));
        EcsDeploymentTarget target = new EcsDeploymentTarget(ecs, new FakeArtifactRegistry(), new FakeClock(), Duration.ofMillis(1));

        String revision = target.register(running, REPOSITORY + ":0.1.30-dev", EcsSettings.of(slipway.dev));

        TaskDefinition before = ecs.describeTaskDefinition(r -> r.taskDefinition(running)).taskDefinition();
        var described = ecs.describeTaskDefinition(r -> r.taskDefinition(revision).include(software.amazon.awssdk.services.ecs.model.TaskDefinitionField.TAGS));
        TaskDefinition after = described.taskDefinition();
        assertThat(after.family()).isEqualTo("hello-api");
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(after.containerDefinitions().get(0).image()).isEqualTo(REPOSITORY + ":0.1.30-dev");
        assertThat(after.containerDefinitions().get(0).toBuilder().image(REPOSITORY + ":0.1.29-dev").build()).isEqualTo(before.containerDefinitions().get(0));
        assertThat(after.containerDefinitions().get(1)).isEqualTo(before.containerDefinitions().get(1));
        assertThat(after.toBuilder().taskDefinitionArn(null).revision(null).containerDefinitions(before.containerDefinitions()).registeredAt(null).build())
                .isEqualTo(before.toBuilder().taskDefinitionArn(null).revision(null).registeredAt(null).build());
        assertThat(described.tags()).anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("team=payments"));
    }
}

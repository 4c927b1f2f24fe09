package dev.slipway.adapter.aws;

import dev.slipway.application.fakes.FakeBuildTrigger;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.RecordingStepContext;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ecs target's release image on ECR in moto_server: promotion by retag keeps the tested digest, and restoring needs the image. */
class EcsReleaseImageIT {

    private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";
    private static MotoServer moto;
    private static AwsClients clients;
    private static EcrClient ecr;
    private static EcsClient ecs;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(moto.settings());
        ecr = clients.ecr();
        ecs = clients.ecs();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (ecr != null) ecr.close();
        if (ecs != null) ecs.close();
        if (clients != null) clients.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void aRepository() throws Exception {
        moto.reset();
        ecr.createRepository(r -> r.repositoryName("hello"));
    }

    private static AwsDeployments prod(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("cluster", "apps", "services", "api", "repository", REPOSITORY, "latest-tag", "latest", "image-wait", "0s"));
        settings.putAll(extra);
        return new AwsDeployments("ecs", settings, d -> new EcsDeploymentTarget(ecs, new EcrArtifactRegistry(ecr, d.clock), d.clock, Duration.ofMillis(1)));
    }

    private static Release release(String tag, String version) {
        return Release.of("hello", Version.parse(version), tag, CommitId.of("c".repeat(40)));
    }

    /** The scripted fake build trigger, serving as the environment's codebuild. */
    private static BuildTrigger asCodeBuild(FakeBuildTrigger builds) {
        return new BuildTrigger() {
            public String type() {
                return "codebuild";
            }

            public Build start(String project, Map<String, String> variables, dev.slipway.application.port.out.StepContext step) {
                return builds.start(project, variables, step);
            }

            public Build await(Build build, dev.slipway.application.port.out.StepContext step) {
                return builds.await(build, step);
            }

            public java.util.Optional<Build> latest(String project) {
                return builds.latest(project);
            }
        };
    }

    @Test
    void promotingRetagsTheTestedImageWithTheSameDigestAndBuildsNothing() {
        String tested = EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.31-dev");
        FakeBuildTrigger builds = new FakeBuildTrigger().scripts("hello-build", new FakeBuildTrigger.Script(List.of("BUILD"), BuildTrigger.State.SUCCEEDED, ""));
        FakeClock clock = new FakeClock();
        EcsDeploymentTarget target = new EcsDeploymentTarget(ecs, new EcrArtifactRegistry(ecr, clock), List.of(asCodeBuild(builds)), clock, Duration.ofMillis(1));
        AwsDeployments slipway = prod(Map.of("promote-from", "{version}-dev", "build", "codebuild", "build-project", "hello-build"));

        String artifact = target.prepare(slipway.service, slipway.dev, release("v0.1.30", "0.1.30"), dir -> {}, new RecordingStepContext());

        assertThat(artifact).isEqualTo(REPOSITORY + "@" + tested);
        assertThat(ecr.describeImages(r -> r.repositoryName("hello").imageIds(ImageIdentifier.builder().imageTag("v0.1.30").build())).imageDetails())
                .singleElement().satisfies(image -> {
                    assertThat(image.imageDigest()).isEqualTo(tested);
                    assertThat(image.imageTags()).contains("0.1.30-dev", "v0.1.30").as("latest moves only once the release is verified").doesNotContain("latest");
                });
        assertThat(builds.latest("hello-build")).isEmpty();

        target.released(slipway.service, slipway.dev, release("v0.1.30", "0.1.30"), new RecordingStepContext());
        assertThat(ecr.describeImages(r -> r.repositoryName("hello").imageIds(ImageIdentifier.builder().imageTag("latest").build())).imageDetails())
                .singleElement().satisfies(image -> assertThat(image.imageDigest()).isEqualTo(tested));
    }

    @Test
    void aReleaseCanBeRestoredWhileItsImageExistsAndNotOnceItIsGone() {
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.29-dev");
        FakeClock clock = new FakeClock();
        EcsDeploymentTarget target = new EcsDeploymentTarget(ecs, new EcrArtifactRegistry(ecr, clock), clock, Duration.ofMillis(1));
        AwsDeployments slipway = prod(Map.of());

        assertThat(target.canRestore(slipway.service, slipway.dev, release("0.1.29-dev", "0.1.29"))).isTrue();
        ecr.batchDeleteImage(r -> r.repositoryName("hello").imageIds(ImageIdentifier.builder().imageTag("0.1.29-dev").build()));
        assertThat(target.canRestore(slipway.service, slipway.dev, release("0.1.29-dev", "0.1.29"))).isFalse();
    }
}

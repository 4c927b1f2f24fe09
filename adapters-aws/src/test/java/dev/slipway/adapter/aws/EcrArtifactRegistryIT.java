package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.ArtifactRegistryContract;
import dev.slipway.application.port.out.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The artifact registry contract, and ECR's own rules, against ECR on moto_server. */
class EcrArtifactRegistryIT extends ArtifactRegistryContract {

    private static MotoServer moto;
    private static AwsClients clients;
    private static EcrClient ecr;
    private static final AtomicInteger layers = new AtomicInteger();

    static final Clock SYSTEM_CLOCK = new Clock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration);
        }
    };

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(moto.settings());
        ecr = clients.ecr();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (ecr != null) ecr.close();
        if (clients != null) clients.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void aFreshRepository() throws Exception {
        moto.reset();
        ecr.createRepository(r -> r.repositoryName(repository()));
    }

    @Override
    protected ArtifactRegistry registry() {
        return new EcrArtifactRegistry(ecr, SYSTEM_CLOCK);
    }

    @Override
    protected String repository() {
        return "team/hello";
    }

    @Override
    protected String push(String repository, String tag) {
        return pushImage(ecr, repository, tag);
    }

    /** Puts a new image manifest with a layer of its own, as `docker push` would; answers ECR's digest. */
    static String pushImage(EcrClient ecr, String repository, String tag) {
        String layer = "sha256:%064x".formatted(layers.incrementAndGet() + System.nanoTime());
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":100,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":200,"digest":"%s"}]}"""
                .formatted(layer, layer);
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest)).image().imageId().imageDigest();
    }

    @Test
    void retaggingTwiceIsANoOp() {
        String digest = push(repository(), "0.1.30-dev");
        registry().retag(repository(), "0.1.30-dev", "latest-dev");

        assertThat(registry().retag(repository(), "0.1.30-dev", "latest-dev").digest()).isEqualTo(digest);
    }

    @Test
    void aRepositoryThatDoesNotExistHoldsNoImage() {
        assertThat(registry().find("team/nothing", "0.1.30-dev")).isEmpty();
    }

    @Test
    void refusesTagsAndRepositoriesECRWouldNotTakeBeforeAnyCall() {
        assertThatThrownBy(() -> registry().find(repository(), "0.1.30;reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().find("Team/Hello", "0.1.30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().retag(repository(), "0.1.30-dev", "$(reboot)")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.BundleStore;
import dev.slipway.application.port.out.BundleStoreContract;
import dev.slipway.application.port.out.OutsideSystemFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundle store contract, and S3's own layout, against S3 on moto_server (path-style). */
class S3BundleStoreIT extends BundleStoreContract {

    private static MotoServer moto;
    private static AwsClients clients;
    private static S3Client s3;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(moto.settings());
        s3 = clients.s3();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (s3 != null) s3.close();
        if (clients != null) clients.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void anEmptyBucket() throws Exception {
        moto.reset();
        s3.createBucket(r -> r.bucket(location()));
    }

    @Override
    protected BundleStore store() {
        return new S3BundleStore(s3);
    }

    @Override
    protected String location() {
        return "slipway-bundles";
    }

    @Test
    void aBundleIsAGzipTarUnderBundlesEnvironmentWithItsScriptExecutable() throws Exception {
        store().store(bundleOf("dev", "0.1.30-dev"));

        byte[] archive = s3.getObjectAsBytes(r -> r.bucket(location()).key("bundles/dev/deploy-bundle-0.1.30-dev.tar.gz")).asByteArray();

        assertThat(S3BundleStore.modes(archive)).containsEntry("slipway-agent.sh", 0755).containsEntry("VERSION", 0644).containsEntry(".env.example", 0644);
    }

    @Test
    void packingTheSameFilesTwiceGivesTheSameBytes() {
        assertThat(S3BundleStore.pack(bundleOf("dev", "0.1.30-dev").files())).isEqualTo(S3BundleStore.pack(bundleOf("dev", "0.1.30-dev").files()));
    }

    @Test
    void aMissingBucketIsAFailureThatNamesIt() {
        assertThatThrownBy(() -> store().list("no-such-bucket", "dev"))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, e -> {
                    assertThat(e.system()).isEqualTo("S3");
                    assertThat(e.getMessage()).contains("NoSuchBucket").contains("s3://no-such-bucket/bundles/dev/");
                    assertThat(e.retryable()).isFalse();
                });
    }
}

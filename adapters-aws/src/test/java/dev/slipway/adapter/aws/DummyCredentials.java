package dev.slipway.adapter.aws;

/** Dummy static keys for emulators and WireMock, through the system properties the SDK's default chain reads first. */
final class DummyCredentials {

    private DummyCredentials() {
    }

    static void install() {
        System.setProperty("aws.accessKeyId", "AKIDSLIPWAYTEST");
        System.setProperty("aws.secretAccessKey", "slipway-test-secret-not-real");
        System.setProperty("aws.region", MotoServer.REGION);
    }
}

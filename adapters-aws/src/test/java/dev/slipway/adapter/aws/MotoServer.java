package dev.slipway.adapter.aws;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} AWS emulator on a free loopback port, one per test class. When moto is not installed the
 * tests using it are skipped, except under {@code CI=true}, where that is a failure. Also sets dummy static credentials.
 */
final class MotoServer implements AutoCloseable {

    static final String REGION = "eu-west-1";

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServer start() throws IOException, InterruptedException {
        DummyCredentials.install();
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "moto_server")));
        if ("true".equals(System.getenv("CI")) && !installed) throw new IllegalStateException("CI=true but moto_server is not on PATH");
        Assumptions.assumeTrue(installed, "moto_server is not installed");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-", ".log");
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant giveUp = Instant.now().plusSeconds(30);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("moto_server did not start: " + Files.readString(log));
                }
                Thread.sleep(25);
            }
        }
        return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
    }

    URI endpoint() {
        return endpoint;
    }

    /** Forgets everything the emulator holds, between tests. */
    void reset() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    AwsSettings settings() {
        return AwsSettings.defaults().withEndpoint(endpoint, REGION).withRetries(2, Duration.ofMillis(10)).withPollInterval(Duration.ofMillis(10));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}

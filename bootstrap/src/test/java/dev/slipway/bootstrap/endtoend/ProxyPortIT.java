package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The local target's proxy-port, through the real jar: one address that answers throughout two deploys and a rollback. */
class ProxyPortIT {

    private Workspace workspace;
    private int proxyPort;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        int port = Workspace.freePortPair();
        int proxy;
        do {
            proxy = Workspace.freePortPair();
        } while (proxy == port || proxy == port + 1 || proxy + 1 == port);
        proxyPort = proxy;
        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d, proxy-port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 40, interval: 100ms }
                """.formatted(port, proxyPort));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void aClientPollingTheProxyPortSeesNoFailedRequestThroughTwoDeploysAndARollback() throws Exception {
        Run first = workspace.slipway("alice", "deploy", "dev");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(get("/version")).isEqualTo("0.1.0-dev");

        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        Thread poller = Thread.ofPlatform().name("proxy poller").start(() -> {
            while (polling.get()) {
                try {
                    versions.add(get("/version"));
                    answered.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failures.add(e.toString());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        workspace.commit("CHANGES.md", "second\n", "Second change");
        Run second = workspace.slipway("alice", "deploy", "dev");
        workspace.commit("CHANGES.md", "third\n", "Third change");
        Run third = workspace.slipway("alice", "deploy", "dev");
        Run rollback = workspace.slipway("alice", "rollback", "dev");
        polling.set(false);
        poller.join();

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(third.exit()).as(third.toString()).isZero();
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(failures).as("requests that failed, of %d answered", answered.get()).isEmpty();
        assertThat(versions).contains("0.1.0-dev", "0.1.1-dev", "0.1.2-dev");
        assertThat(get("/version")).isEqualTo("0.1.1-dev");
        Run status = workspace.slipway("alice", "status");
        assertThat(status.out()).as(status.toString()).contains("behind proxy-port " + proxyPort);
    }

    /** One request on a connection of its own, as a browser reloading the page would make: the body of a 200, else a failure. */
    private String get(String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".formatted(path).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.0 200") && !response.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered: " + (response.isEmpty() ? "nothing" : response.lines().findFirst().orElse("")));
            }
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4).strip();
        }
    }
}

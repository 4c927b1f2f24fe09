package dev.slipway.adapter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PortForwarderTest {

    @TempDir
    Path folder;

    @Test
    void forwardsEachConnectionToThePortTheUpstreamFileNamesAtThatMoment() throws Exception {
        try (ServerSocket blue = answering("blue"); ServerSocket green = answering("green"); ServerSocket probe = new ServerSocket(0)) {
            int listen = probe.getLocalPort();
            probe.close();
            Path upstream = folder.resolve("dev.upstream");
            Files.writeString(upstream, blue.getLocalPort() + "\n");
            Thread forwarder = Thread.ofVirtual().start(() -> new PortForwarder(listen, upstream, new PrintStream(new ByteArrayOutputStream())).run());
            try {
                assertThat(ask(listen)).isEqualTo("blue");
                Files.writeString(upstream, green.getLocalPort() + "\n");
                assertThat(ask(listen)).isEqualTo("green");
            } finally {
                forwarder.interrupt();
            }
        }
    }

    /** A server that answers every connection with its name and closes it. */
    private static ServerSocket answering(String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write(name.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    private static String ask(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                socket.setSoTimeout(5000);
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException notYet) {
                if (attempt > 50) throw notYet;
                Thread.sleep(50);
            }
        }
    }
}

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

    @Test
    void closesAConnectionBeyondItsMostAtOnceAndForwardsAgainOnceOneEnds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); ServerSocket probe = new ServerSocket(0)) {
            int listen = probe.getLocalPort();
            probe.close();
            Path upstream = folder.resolve("dev.upstream");
            Files.writeString(upstream, silent.getLocalPort() + "\n");
            Thread forwarder = Thread.ofVirtual().start(() -> new PortForwarder(listen, upstream, new PrintStream(new ByteArrayOutputStream()), 2).run());
            try (Socket first = held(listen); Socket second = held(listen)) {
                // The upstream never answers: both stay open, forwarded, and a third is closed at once.
                java.util.List<Socket> upstreamSides = awaitAccepted(silent, 2);
                try (Socket third = held(listen)) {
                    third.setSoTimeout(5000);
                    assertThat(third.getInputStream().read()).as("closed by the forwarder").isEqualTo(-1);
                }
                // Both forwarded connections end: the forwarder has room again.
                first.close();
                for (Socket side : upstreamSides) side.close();
                second.setSoTimeout(5000);
                assertThat(second.getInputStream().read()).as("ended with its upstream").isEqualTo(-1);
                try (Socket fourth = held(listen)) {
                    awaitAccepted(silent, 1).getFirst().close();
                }
            } finally {
                forwarder.interrupt();
            }
        }
    }

    private static Socket held(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return socket;
            } catch (IOException notYet) {
                socket.close();
                if (attempt > 50) throw notYet;
                Thread.sleep(50);
            }
        }
    }

    /** Accepts {@code count} connections the forwarder opens to the upstream, within five seconds each. */
    private static java.util.List<Socket> awaitAccepted(ServerSocket upstream, int count) throws IOException {
        upstream.setSoTimeout(5000);
        java.util.List<Socket> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) accepted.add(upstream.accept());
        return accepted;
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

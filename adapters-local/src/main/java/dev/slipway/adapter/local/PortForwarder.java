package dev.slipway.adapter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The local target's stable address: a small TCP forwarder on {@code proxy-port} in front of the two slots. Each new
 * connection goes to the port named in the environment's upstream file, which the target rewrites only once a new
 * release passed its health check; a connection that finds its upstream gone (the old release stopping) tries the
 * file's port again for a moment, so clients see one address across deploys and rollbacks. It runs as a process of its
 * own ({@code slipway __forward PORT FILE}) and ends when the upstream file has been gone for a while.
 */
public final class PortForwarder {

    /** The hidden first word that runs a forwarder instead of a command. */
    public static final String MODE = "__forward";
    private static final Duration RETRY_FOR = Duration.ofSeconds(3);
    private static final Duration GONE_FOR = Duration.ofSeconds(30);
    private static final int BUFFER = 16 * 1024;
    /** Connections forwarded at once; one more is closed at once, so no client can exhaust the process's threads or files. */
    static final int MOST_CONNECTIONS = 512;

    private final java.util.concurrent.Semaphore connections;

    private final int listenPort;
    private final Path upstreamFile;
    private final PrintStream log;

    public PortForwarder(int listenPort, Path upstreamFile, PrintStream log) {
        this(listenPort, upstreamFile, log, MOST_CONNECTIONS);
    }

    PortForwarder(int listenPort, Path upstreamFile, PrintStream log, int mostConnections) {
        this.listenPort = listenPort;
        this.upstreamFile = upstreamFile;
        this.log = log;
        this.connections = new java.util.concurrent.Semaphore(mostConnections);
    }

    /** {@code slipway __forward PORT FILE}: forwards until the upstream file is gone; answers the exit code. */
    public static int main(String[] args, PrintStream log) {
        if (args.length != 3) {
            log.println("usage: slipway " + MODE + " PORT UPSTREAM-FILE (started by the local target, not by people)");
            return 2;
        }
        try {
            return new PortForwarder(Integer.parseInt(args[1]), Path.of(args[2]), log).run();
        } catch (NumberFormatException e) {
            log.println("slipway " + MODE + ": '" + args[1] + "' is not a port");
            return 2;
        }
    }

    /** Listens on 127.0.0.1 and forwards; answers 0 once the upstream file is gone for good, 1 when it cannot listen. */
    public int run() {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 128);
            server.setSoTimeout(1000);
            log.printf("%s forwarding 127.0.0.1:%d to the port in %s%n", Instant.now(), listenPort, upstreamFile);
            log.flush();
            Instant lastSeen = Instant.now();
            while (true) {
                Socket client;
                try {
                    client = server.accept();
                } catch (java.net.SocketTimeoutException idle) {
                    if (upstream().isPresent()) {
                        lastSeen = Instant.now();
                    } else if (Instant.now().isAfter(lastSeen.plus(GONE_FOR))) {
                        log.printf("%s %s is gone; stopping%n", Instant.now(), upstreamFile);
                        return 0;
                    }
                    continue;
                }
                if (!connections.tryAcquire()) {
                    close(client);
                    continue;
                }
                Thread.ofVirtual().name("forward " + client.getPort()).start(() -> {
                    try {
                        forward(client);
                    } finally {
                        connections.release();
                    }
                });
            }
        } catch (IOException e) {
            log.printf("%s cannot listen on 127.0.0.1:%d: %s%n", Instant.now(), listenPort, e.getMessage());
            return 1;
        }
    }

    private static void close(Socket client) {
        try {
            client.close();
        } catch (IOException e) {
            // it is gone either way
        }
    }

    private void forward(Socket client) {
        try (client) {
            Socket server = connect();
            if (server == null) return;
            try (server) {
                Thread back = Thread.ofVirtual().start(() -> pipe(server, client));
                pipe(client, server);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // The client or the release went away; nothing to keep.
        }
    }

    /** The release named by the upstream file, trying again for a moment while a switch is under way. */
    private Socket connect() throws InterruptedException {
        Instant giveUp = Instant.now().plus(RETRY_FOR);
        while (true) {
            OptionalInt port = upstream();
            if (port.isPresent()) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.getAsInt()), 1000);
                    socket.setTcpNoDelay(true);
                    return socket;
                } catch (IOException refused) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing to close
                    }
                }
            }
            if (Instant.now().isAfter(giveUp)) return null;
            Thread.sleep(50);
        }
    }

    private OptionalInt upstream() {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(upstreamFile, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}

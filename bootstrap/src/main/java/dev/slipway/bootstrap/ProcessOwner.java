package dev.slipway.bootstrap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name this process uses in locks and deployments: host, pid and a random suffix, so that a restarted process that
 * happens to get the same pid is still a different owner.
 */
public final class ProcessOwner {

    private ProcessOwner() {
    }

    public static String name() {
        // Uniqueness is all the suffix is for; a SecureRandom would cost its provider set-up at every start.
        int nonce = ThreadLocalRandom.current().nextInt(1 << 24);
        return "%s:%d:%06x".formatted(host(), ProcessHandle.current().pid(), nonce);
    }

    private static String host() {
        // The kernel's name is instant to read; InetAddress may wait on a resolver first.
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) return kernel;
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is hidden: ask the network stack instead
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package dev.slipway.bootstrap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The name this process uses in locks and deployments: host, pid and a random suffix, so that a restarted process that
 * happens to get the same pid is still a different owner.
 */
public final class ProcessOwner {

    private ProcessOwner() {
    }

    public static String name() {
        byte[] nonce = new byte[3];
        new SecureRandom().nextBytes(nonce);
        return "%s:%d:%s".formatted(host(), ProcessHandle.current().pid(), HexFormat.of().formatHex(nonce));
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

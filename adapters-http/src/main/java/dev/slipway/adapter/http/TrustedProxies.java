package dev.slipway.adapter.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The addresses (single ones or CIDR ranges) whose user header the dashboard believes. Literal addresses only: no DNS. */
final class TrustedProxies {

    private record Range(byte[] network, int prefix) {}

    private final List<Range> ranges;

    TrustedProxies(List<String> entries) {
        this.ranges = entries.stream().map(TrustedProxies::parse).toList();
    }

    boolean trusts(String remoteAddress) {
        if (remoteAddress == null || ranges.isEmpty()) return false;
        byte[] address;
        try {
            address = literal(remoteAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Range range : ranges) {
            if (range.network().length == address.length && samePrefix(range.network(), address, range.prefix())) return true;
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int bitsTotal = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bitsTotal).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bitsTotal - bits).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    private static Range parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        int slash = text.indexOf('/');
        byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("slipway.dashboard.trusted-proxies: '%s' has a bad prefix length".formatted(entry));
            }
        }
        return new Range(network, prefix);
    }

    /** Parses an IP literal; a name is refused rather than looked up. */
    private static byte[] literal(String text) {
        if (!text.matches("[0-9.]+") && !text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("slipway.dashboard.trusted-proxies: '%s' is not an IP address or CIDR range".formatted(text));
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("slipway.dashboard.trusted-proxies: '%s' is not an IP address or CIDR range".formatted(text), e);
        }
    }
}

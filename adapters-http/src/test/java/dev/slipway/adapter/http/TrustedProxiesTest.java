package dev.slipway.adapter.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    @Test
    void trustsListedAddressesAndRangesOnly() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.1.2.3", "192.168.0.0/16", "fd00::/8"));
        assertThat(proxies.trusts("10.1.2.3")).isTrue();
        assertThat(proxies.trusts("10.1.2.4")).isFalse();
        assertThat(proxies.trusts("192.168.77.1")).isTrue();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("127.0.0.1")).isFalse();
        assertThat(proxies.trusts("not an address")).isFalse();
    }

    @Test
    void refusesHostNamesRatherThanLookingThemUp() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.internal"))).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/40"))).hasMessageContaining("bad prefix length");
    }
}

package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.WireFormat;
import org.junit.jupiter.api.Test;

/** The address rules of {@link BaseUrlGuard}, on literal addresses (no DNS, no network). */
class BaseUrlGuardTest {

    private static final Provider OPENAI = new Provider("openai", "OpenAI", WireFormat.of("openai"), "https://api.openai.com/v1",
            false, "OPENAI_API_KEY", true, true, 1000, false);

    @Test
    void shouldCallPublicAddressesPublic() throws Exception {
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName("2606:4700:4700::1111"))).isTrue();
    }

    @Test
    void shouldCallLoopbackPrivateLinkLocalAndSharedAddressesPrivate() throws Exception {
        for (var address : new String[] {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "::", "224.0.0.1", "::ffff:10.0.0.1"}) {
            assertThat(BaseUrlGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void shouldAcceptALiteralPublicUrlAndDropItsTrailingSlash() {
        assertThat(BaseUrlGuard.check("https://8.8.8.8/v1/", OPENAI)).isEqualTo("https://8.8.8.8/v1");
    }

    @Test
    void shouldAllowPrivateAddressesOnlyWhenTheProviderAllowsSelfHosting() {
        var selfHosted = new Provider("openai", "OpenAI", WireFormat.of("openai"), "https://api.openai.com/v1",
                false, "OPENAI_API_KEY", true, true, 1000, true);

        assertThatThrownBy(() -> BaseUrlGuard.check("http://10.0.0.8:8000/v1", OPENAI)).isInstanceOf(CredentialRefused.class);
        assertThat(BaseUrlGuard.check("http://10.0.0.8:8000/v1", selfHosted)).isEqualTo("http://10.0.0.8:8000/v1");
        assertThatThrownBy(() -> BaseUrlGuard.check("gopher://10.0.0.8/", selfHosted)).isInstanceOf(CredentialRefused.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "::127.0.0.1", "::10.1.2.3", "::ffff:169.254.169.254", "::ffff:0:10.0.0.1", "::ffff:0:127.0.0.1", "64:ff9b::10.0.0.1",
            "64:ff9b::169.254.169.254", "64:ff9b:1::8.8.8.8", "2002:0a00:0001::1", "2002:7f00:0001::", "2002:a9fe:a9fe::1",
            "2001:0:0a00:0001::1", "2001:0:0808:0808::f5ff:fffe", "198.18.0.1", "198.19.255.254", "192.0.2.1", "198.51.100.7",
            "203.0.113.9", "240.0.0.1", "255.255.255.255", "192.88.99.1", "2001:db8::1", "100::1", "fec0::1", "ff02::1"})
    void shouldJudgeIpv6ByTheIpv4ItEmbedsAndRefuseSpecialPurposeRanges(String address) throws Exception {
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "64:ff9b::8.8.8.8", "2002:0808:0808::1", "2001:0:0808:0808::f7f7:f7f7", "::ffff:0:8.8.8.8", "1.1.1.1", "2a00:1450:4001::200e"})
    void shouldStillCallPublicAddressesPublicWhenTheyEmbedAPublicIpv4(String address) throws Exception {
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }
}

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
}

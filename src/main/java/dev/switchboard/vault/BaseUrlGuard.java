package dev.switchboard.vault;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.switchboard.catalog.Provider;

/**
 * Checks an {@code X-BYOK-Base-URL} before any call goes there: http or https only, no user info, and a host whose
 * every resolved address is public. Loopback, link-local (cloud metadata), private, unique-local, carrier-grade NAT,
 * wildcard and multicast addresses are refused unless the admin allowed self-hosted addresses for the provider.
 * (The address is resolved again when connecting; a DNS answer that changes in between is not caught here.)
 */
final class BaseUrlGuard {

    private BaseUrlGuard() {
    }

    /** The URL without a trailing slash, or {@link CredentialRefused}. */
    static String check(String baseUrl, Provider provider) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw refused("X-BYOK-Base-URL is not a valid URL.");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("X-BYOK-Base-URL must be an http or https URL.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused("X-BYOK-Base-URL must be a plain http(s)://host[:port][/path] URL.");
        }
        if (!provider.selfHostedAllowed()) {
            requirePublic(uri.getHost());
        }
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static void requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused("The host of X-BYOK-Base-URL cannot be resolved.");
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                throw refused("X-BYOK-Base-URL points at a private, loopback or link-local address, which is not allowed "
                        + "for this provider. An admin can allow self-hosted addresses for it.");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            var first = bytes[0] & 0xff;
            var second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && first < 224;
        }
        if (address instanceof Inet6Address) {
            var unique = (bytes[0] & 0xfe) == 0xfc;
            var siteLocal = (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0xc0;
            return !unique && !siteLocal && !isMappedPrivate(bytes);
        }
        return true;
    }

    /** {@code ::ffff:a.b.c.d} written as IPv6: judged by its IPv4 address. */
    private static boolean isMappedPrivate(byte[] bytes) {
        for (var i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        if ((bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
            return false;
        }
        try {
            return !isPublic(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static CredentialRefused refused(String message) {
        return new CredentialRefused("byok_base_url_refused", message);
    }
}

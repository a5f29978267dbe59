package dev.switchboard.vault;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.switchboard.catalog.Provider;

/**
 * Checks an {@code X-BYOK-Base-URL} before any call goes there: http or https only, no user info, and a host whose
 * every resolved address is public. Loopback, link-local (cloud metadata), private, unique-local, carrier-grade NAT,
 * benchmarking, documentation, wildcard, multicast and reserved addresses are refused, IPv6 addresses also by the IPv4
 * address they embed, unless the admin allowed self-hosted addresses for the provider.
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

    /**
     * The special-purpose ranges (IANA's registries) that no public provider lives in: this network, private, shared
     * (carrier-grade NAT), loopback, link-local, IETF protocol assignments, documentation, 6to4 relay anycast,
     * benchmarking, multicast, reserved and broadcast; for IPv6 unspecified, loopback, discard-only, ORCHID,
     * documentation, unique-local, site-local, link-local, multicast, and NAT64's local-use prefix.
     */
    private static final List<Cidr> NOT_PUBLIC = Stream.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "100::/64", "2001:10::/28",
            "2001:20::/28", "2001:db8::/32", "64:ff9b:1::/48", "fc00::/7", "fec0::/10", "fe80::/10", "ff00::/8").map(Cidr::of).toList();

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (NOT_PUBLIC.stream().anyMatch(range -> range.contains(bytes))) {
            return false;
        }
        for (var embedded : embeddedIpv4(bytes)) {
            if (!isPublic(embedded)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The IPv4 addresses an IPv6 address carries, by which it is judged: IPv4-compatible {@code ::a.b.c.d}, IPv4-mapped
     * {@code ::ffff:a.b.c.d}, IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4
     * {@code 2002:AABB:CCDD::/48}, and Teredo {@code 2001:0:SSSS:SSSS::/32} (its server, and its client obfuscated
     * by inverting every bit).
     */
    static List<InetAddress> embeddedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return List.of();
        }
        if (zero(bytes, 0, 10) && (ff(bytes, 10, 12) || zero(bytes, 10, 12))
                || zero(bytes, 0, 8) && ff(bytes, 8, 10) && zero(bytes, 10, 12)
                || prefix(bytes, 0x00, 0x64, 0xff, 0x9b) && zero(bytes, 4, 12)) {
            return List.of(ipv4(bytes[12], bytes[13], bytes[14], bytes[15]));
        }
        if (prefix(bytes, 0x20, 0x02)) {
            return List.of(ipv4(bytes[2], bytes[3], bytes[4], bytes[5]));
        }
        if (prefix(bytes, 0x20, 0x01, 0x00, 0x00)) {
            return List.of(ipv4(bytes[4], bytes[5], bytes[6], bytes[7]),
                    ipv4((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]));
        }
        return List.of();
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (var i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] bytes, int from, int to) {
        for (var i = from; i < to; i++) {
            if ((bytes[i] & 0xff) != 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefix(byte[] bytes, int... expected) {
        for (var i = 0; i < expected.length; i++) {
            if ((bytes[i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An address range: the network's bytes and how many leading bits must match. */
    private record Cidr(byte[] network, int bits) {

        static Cidr of(String cidr) {
            var slash = cidr.indexOf('/');
            try {
                return new Cidr(InetAddress.getByName(cidr.substring(0, slash)).getAddress(), Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (var bit = 0; bit < bits; bit++) {
                var mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static CredentialRefused refused(String message) {
        return new CredentialRefused("byok_base_url_refused", message);
    }
}

package com.educonsult.crm.integrations.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may be sent: an absolute https URL (or http, only to an allowed private network) whose host
 * resolves to public addresses only. Private, loopback, link-local, unique-local, multicast, unspecified and other
 * reserved addresses are refused, IPv4 and IPv6 alike (an IPv6 address that carries an IPv4 one is judged by that),
 * unless they lie inside one of {@code crm.integrations.webhooks.allowed-private-networks}. Checked when an endpoint
 * is saved and again before every attempt, as the host's addresses may change. The HTTP client's own look-up of
 * the host, a moment after the check, is answered from the JVM's address cache that the check filled
 * ({@code networkaddress.cache.ttl}, 30 s by default), so the connection goes to an address that was checked.
 */
@Component
public class TargetGuard {

    /** Why a target is refused, in words for the person who entered it. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A host the guard checked, with the addresses it resolved to (all of them allowed). */
    public record Checked(URI uri, List<InetAddress> addresses) {
    }

    /** A network in CIDR notation. */
    record Network(byte[] prefixBytes, int bits) {

        static Network parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("Not an IP network: " + cidr);
            }
            try {
                byte[] bytes = normalized(InetAddress.getByName(address)).getAddress();
                int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("Not an IP network: " + cidr);
                }
                return new Network(bytes, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP network: " + cidr, e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = normalized(candidate).getAddress();
            if (bytes.length != prefixBytes.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(bytes, 0, whole, prefixBytes, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[whole] & mask) == (prefixBytes[whole] & mask);
        }
    }

    private final List<Network> allowed;

    @org.springframework.beans.factory.annotation.Autowired
    public TargetGuard(WebhookProperties properties) {
        this(properties.allowedPrivateNetworks());
    }

    TargetGuard(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().filter(s -> !s.isBlank()).map(Network::parse).toList();
    }

    /** The URL as an endpoint's: 422-worthy words when it is not a URL a webhook may be sent to. */
    public URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("must be a URL such as https://example.com/webhooks");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an https URL such as https://example.com/webhooks");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry a user name or password; authenticate by the signature");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#...)");
        }
        return uri;
    }

    /** Parses and resolves the URL and checks every address of its host; throws {@link Refused} saying why not. */
    public Checked check(String url) {
        URI uri = parse(url);
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " could not be found");
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        for (InetAddress address : addresses) {
            boolean inAllowed = allowedPrivate(address);
            if (http && !inAllowed) {
                throw new Refused("must be an https URL: plain http would send the events unencrypted");
            }
            if (!inAllowed && !isPublic(address)) {
                throw new Refused("points at " + address.getHostAddress() + ", a private, loopback or reserved "
                        + "address; webhooks are sent only to public addresses");
            }
        }
        return new Checked(uri, List.of(addresses));
    }

    boolean allowedPrivate(InetAddress address) {
        return allowed.stream().anyMatch(network -> network.contains(address));
    }

    /**
     * Whether the address is a public unicast address: not unspecified, loopback, private (RFC 1918, unique-local
     * fc00::/7, site-local fec0::/10), link-local, shared (100.64.0.0/10), multicast, broadcast, documentation,
     * benchmarking or otherwise reserved; an IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64,
     * 6to4) is judged by the IPv4 address.
     */
    static boolean isPublic(InetAddress address) {
        InetAddress candidate = normalized(address);
        if (candidate instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        byte[] b = candidate.getAddress();
        if (candidate.isAnyLocalAddress() || candidate.isLoopbackAddress() || candidate.isLinkLocalAddress()
                || candidate.isSiteLocalAddress() || candidate.isMulticastAddress()) {
            return false;
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
            return false;
        }
        if (allZero(b, 0, 12)) { // ::/96 (IPv4-compatible, unspecified, loopback)
            return false;
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) { // 64:ff9b::/96 NAT64
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (startsWith(b, 0x20, 0x02)) { // 2002::/16 6to4
            return isPublicV4(Arrays.copyOfRange(b, 2, 6));
        }
        if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8)) { // 2001:db8::/32 documentation
            return false;
        }
        if (startsWith(b, 0x01, 0x00) && allZero(b, 2, 8)) { // 100::/64 discard
            return false;
        }
        return (first & 0xe0) == 0x20; // global unicast 2000::/3
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // private
                || a0 == 127                              // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64)       // 100.64.0.0/10 shared address space
                || (a0 == 169 && a1 == 254)               // link-local
                || (a0 == 172 && (a1 & 0xf0) == 16)       // private
                || (a0 == 192 && a1 == 0 && a2 == 0)      // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)      // documentation
                || (a0 == 192 && a1 == 88 && a2 == 99)    // 6to4 relay anycast
                || (a0 == 192 && a1 == 168)               // private
                || (a0 == 198 && (a1 & 0xfe) == 18)       // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)   // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)    // documentation
                || a0 >= 224);                            // multicast, reserved, broadcast
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it stands for; others as they are. */
    static InetAddress normalized(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

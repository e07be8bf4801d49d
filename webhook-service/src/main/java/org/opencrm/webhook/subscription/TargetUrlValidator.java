package org.opencrm.webhook.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.opencrm.webhook.FieldViolation;

/**
 * Decides whether the platform may call a target URL: an absolute http(s) URL whose host resolves only to public
 * addresses, so a webhook cannot be pointed at the platform's own network (SSRF). Checked when a webhook is created
 * and again before every delivery, because DNS answers change.
 */
public class TargetUrlValidator {

    public static final String FIELD = "targetUrl";
    public static final int MAX_LENGTH = 2048;

    /**
     * The rule broken when the host resolves to a loopback, private, link-local or multicast address, or to an IPv6
     * gateway onto IPv4 (NAT64, 6to4, Teredo).
     */
    public static final String PUBLIC_ADDRESS_RULE = "public-address";
    /** The rule broken when the host does not resolve at all (possibly only for now). */
    public static final String RESOLVABLE_HOST_RULE = "resolvable-host";

    /** Name resolution, replaceable so tests need no DNS. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateTargets;
    private final HostResolver resolver;

    /**
     * @param allowPrivateTargets accept hosts on private networks and loopback, for local stacks and tests
     */
    public TargetUrlValidator(boolean allowPrivateTargets, HostResolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /** The first rule the URL breaks, if any. */
    public Optional<FieldViolation> check(String targetUrl) {
        if (targetUrl == null || targetUrl.isBlank()) {
            return violation("required", "targetUrl is required");
        }
        if (targetUrl.length() > MAX_LENGTH) {
            return violation("max-length", "targetUrl must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(targetUrl);
        } catch (URISyntaxException e) {
            return violation("absolute-url", "targetUrl must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return violation("absolute-url", "targetUrl must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return violation("no-credentials", "targetUrl must not carry credentials; sign requests with the secret instead");
        }
        if (allowPrivateTargets) {
            return Optional.empty();
        }
        return checkAddresses(hostOf(uri));
    }

    private Optional<FieldViolation> checkAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return violation(RESOLVABLE_HOST_RULE, "targetUrl's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return violation(PUBLIC_ADDRESS_RULE, "targetUrl's host " + host
                        + " resolves to a loopback, private, link-local, multicast or IPv4-gateway address");
            }
        }
        return Optional.empty();
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        // An IPv6 literal keeps its brackets in URI.getHost().
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether {@code address} is on the public internet, as every webhook target must be. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0                                     // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64.0.0/10
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking, 198.18.0.0/15
                    && first < 240;                               // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if (isIpv4Compatible(bytes)) {
                // ::a.b.c.d reaches the IPv4 address a.b.c.d on dual-stack hosts; judge that address.
                return isPublic(ipv4(bytes));
            }
            if (isIpv4Translation(bytes)) {
                // NAT64, 6to4 and Teredo gateways carry the packet on to an IPv4 address embedded in this one,
                // which may be private. No partner needs them, so they are refused outright.
                return false;
            }
            // Unique local addresses, fc00::/7: IPv6's private networks (isSiteLocalAddress covers only fec0::/10).
            return (bytes[0] & 0xfe) != 0xfc;
        }
        return true;
    }

    private static boolean isIpv4Compatible(byte[] bytes) {
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * NAT64's well-known prefix 64:ff9b::/96 and local-use 64:ff9b:1::/48 (RFC 6052, 8215), matched as the whole
     * 64:ff9b::/47 around them; 6to4's 2002::/16 (RFC 3056); Teredo's 2001::/32 (RFC 4380).
     */
    private static boolean isIpv4Translation(byte[] bytes) {
        int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int third = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
        return (first == 0x0064 && second == 0xff9b && (third == 0 || third == 1))
                || first == 0x2002
                || (first == 0x2001 && second == 0);
    }

    private static InetAddress ipv4(byte[] ipv6Bytes) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(ipv6Bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", e);
        }
    }

    private static Optional<FieldViolation> violation(String rule, String message) {
        return Optional.of(new FieldViolation(FIELD, rule, message));
    }
}

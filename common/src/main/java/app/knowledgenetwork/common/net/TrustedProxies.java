package app.knowledgenetwork.common.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is, given the TCP peer and the X-Forwarded-For chain. Only hops we trust (the load
 * balancer's subnets) may speak for a client: a peer outside them is the client itself, whatever
 * headers it sends; behind trusted peers, the chain is walked from the right (the entry the nearest
 * proxy appended) past every trusted hop, and the first untrusted entry is the client. Anything a
 * client wrote to the left of that is never believed.
 */
public final class TrustedProxies {

    private final List<Cidr> trusted;

    public TrustedProxies(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public static TrustedProxies of(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    public boolean isTrusted(String address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFor  every X-Forwarded-For header value, in arrival order (may be empty)
     * @return the client's address
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = hops(forwardedFor);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (Cidr.literal(hop) == null) {
                // Garbage a trusted proxy passed along from the client: the last address we could vouch for is it.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** Whether the peer's forwarded headers (X-Forwarded-Proto, -Host) may be believed. */
    public boolean speaksForClient(String peer) {
        return isTrusted(peer);
    }

    static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",")) {
                String hop = part.trim();
                if (!hop.isEmpty()) {
                    hops.add(stripPort(hop));
                }
            }
        }
        return hops;
    }

    /** "203.0.113.5:4711" and "[2001:db8::1]:4711" name the address only. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}

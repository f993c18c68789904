package app.knowledgenetwork.apigateway.edge;

import io.vertx.ext.web.RoutingContext;

/**
 * What the edge established about a request: who sent it (through trusted hops only), over which scheme
 * and to which host it originally came, and its request id. Every later step reads it from here.
 *
 * @param viaTrustedProxy whether the TCP peer is one of our proxies, so its forwarded headers counted
 */
public record ClientRequest(String clientAddress, String proto, String host, String requestId, String peer,
                            boolean viaTrustedProxy) {

    private static final String KEY = ClientRequest.class.getName();

    public static ClientRequest of(RoutingContext rc) {
        return rc.get(KEY);
    }

    void attachTo(RoutingContext rc) {
        rc.put(KEY, this);
    }
}

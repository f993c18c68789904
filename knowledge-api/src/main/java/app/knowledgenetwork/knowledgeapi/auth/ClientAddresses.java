package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.common.net.TrustedProxies;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address behind the load balancer and the gateway: the same rule as the gateway's (common's
 * {@link TrustedProxies}), so the login throttle counts clients, not the load balancer every request comes through.
 * Checked at start: a malformed TRUSTED_PROXY_CIDRS stops the service naming the block.
 */
@Startup
@ApplicationScoped
public class ClientAddresses {
    private final TrustedProxies proxies;

    public ClientAddresses(@ConfigProperty(name = "kn.http.trusted-proxies") List<String> trustedProxies) {
        try {
            this.proxies = TrustedProxies.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TRUSTED_PROXY_CIDRS (kn.http.trusted-proxies): " + e.getMessage(), e);
        }
    }

    public String of(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return "unknown";
        }
        return proxies.clientAddress(request.remoteAddress().hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }
}

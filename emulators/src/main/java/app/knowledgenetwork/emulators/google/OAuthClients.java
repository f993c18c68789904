package app.knowledgenetwork.emulators.google;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth clients registered with the emulated Google (a Cloud Console "web application" client: id,
 * secret, authorised redirect URIs). One may be configured at start, as the local stack's; tests add
 * theirs through {@code POST /_emulator/google/oauth-clients}.
 */
@ApplicationScoped
public class OAuthClients {

    /** A registered client; a redirect URI must match one of its URIs exactly, as Google requires. */
    public record OAuthClient(String clientId, String clientSecret, List<String> redirectUris) {
    }

    /** The client registered at start ({@code GOOGLE_OAUTH_CLIENT_ID}...), if any. */
    @ConfigMapping(prefix = "kn.emulators.google")
    public interface Config {
        Optional<String> oauthClientId();

        Optional<String> oauthClientSecret();

        Optional<List<String>> oauthRedirectUris();
    }

    private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event, Config config) {
        if (config.oauthClientId().isPresent() && config.oauthClientSecret().isPresent()) {
            register(new OAuthClient(config.oauthClientId().get(), config.oauthClientSecret().get(),
                    config.oauthRedirectUris().orElse(List.of())));
        }
    }

    public void register(OAuthClient client) {
        if (client.clientId() == null || client.clientId().isBlank() || client.clientSecret() == null
                || client.clientSecret().isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        clients.put(client.clientId(), new OAuthClient(client.clientId(), client.clientSecret(),
                client.redirectUris() == null ? List.of() : List.copyOf(client.redirectUris())));
    }

    public Optional<OAuthClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }
}

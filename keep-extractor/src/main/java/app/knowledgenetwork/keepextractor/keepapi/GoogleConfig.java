package app.knowledgenetwork.keepextractor.keepapi;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/** Google credentials: the token endpoint, the service account and the OAuth client. */
@ConfigMapping(prefix = "kn.google")
public interface GoogleConfig {

    /** Google's OAuth token endpoint, {@code https://oauth2.googleapis.com/token} in production ({@code GOOGLE_TOKEN_URL}). */
    URI tokenUrl();

    /** The service account's JSON key, for domain-wide delegation ({@code GOOGLE_SERVICE_ACCOUNT_JSON}). */
    Optional<String> serviceAccountJson();

    /** The OAuth client that users' refresh tokens were issued to ({@code GOOGLE_OAUTH_CLIENT_ID}). */
    Optional<String> oauthClientId();

    /** ({@code GOOGLE_OAUTH_CLIENT_SECRET}) */
    Optional<String> oauthClientSecret();
}

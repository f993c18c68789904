package app.knowledgenetwork.keepextractor.keepapi;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds google-auth-library credentials against the configured token endpoint, so the same code
 * gets tokens from Google in production and from the emulator in tests.
 */
@ApplicationScoped
public class GoogleCredentialsFactory {

    /** Read-only is all extraction needs. */
    public static final String KEEP_READONLY_SCOPE = "https://www.googleapis.com/auth/keep.readonly";

    private final GoogleConfig config;
    private final NetHttpTransport transport = new NetHttpTransport();

    public GoogleCredentialsFactory(GoogleConfig config) {
        this.config = config;
    }

    public GoogleCredentials credentials(KeepCredentials credentials) {
        return switch (credentials) {
            case KeepCredentials.ServiceAccount sa -> serviceAccount(sa.subject());
            case KeepCredentials.RefreshToken rt -> refreshToken(rt.refreshToken());
        };
    }

    private GoogleCredentials serviceAccount(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidCredentialsException("credentials.subject (the Workspace user to read) is required for SERVICE_ACCOUNT");
        }
        String json = config.serviceAccountJson().filter(s -> !s.isBlank()).orElseThrow(() -> new InvalidCredentialsException(
                "SERVICE_ACCOUNT credentials need GOOGLE_SERVICE_ACCOUNT_JSON (kn.google.service-account-json), which is not set"));
        try {
            ServiceAccountCredentials key = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), () -> transport);
            return key.toBuilder().setTokenServerUri(config.tokenUrl()).build()
                    .createScoped(List.of(KEEP_READONLY_SCOPE))
                    .createDelegated(subject);
        } catch (IOException | RuntimeException e) {
            // The key's content never goes into the message.
            throw new InvalidCredentialsException("GOOGLE_SERVICE_ACCOUNT_JSON is not a service account key: " + e.getClass().getSimpleName());
        }
    }

    private GoogleCredentials refreshToken(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new InvalidCredentialsException("credentials.refreshToken is required for REFRESH_TOKEN");
        }
        String clientId = config.oauthClientId().filter(s -> !s.isBlank()).orElseThrow(() -> new InvalidCredentialsException(
                "REFRESH_TOKEN credentials need GOOGLE_OAUTH_CLIENT_ID (kn.google.oauth-client-id), which is not set"));
        String clientSecret = config.oauthClientSecret().filter(s -> !s.isBlank()).orElseThrow(() -> new InvalidCredentialsException(
                "REFRESH_TOKEN credentials need GOOGLE_OAUTH_CLIENT_SECRET (kn.google.oauth-client-secret), which is not set"));
        return UserCredentials.newBuilder().setClientId(clientId).setClientSecret(clientSecret).setRefreshToken(refreshToken)
                .setTokenServerUri(config.tokenUrl()).setHttpTransportFactory(() -> transport).build();
    }
}

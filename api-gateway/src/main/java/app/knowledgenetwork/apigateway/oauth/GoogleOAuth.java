package app.knowledgenetwork.apigateway.oauth;

import app.knowledgenetwork.apigateway.GatewayConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's side of the connect flow: the consent URL (state, PKCE S256, offline access) and the exchange
 * of the returned code for the user's tokens. Blocking; called from worker threads.
 */
@ApplicationScoped
public class GoogleOAuth {

    /** Why Google would not give the tokens, in its words ({@code invalid_grant: Invalid code verifier.}). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final GatewayConfig.Google config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GoogleOAuth(GatewayConfig config) {
        this.config = config.google();
    }

    public boolean configured() {
        return config.oauthClientId().isPresent() && config.oauthClientSecret().isPresent();
    }

    /** Where the browser goes to consent; {@code prompt=consent} so Google issues a refresh token every time. */
    public URI consentUrl(String state, String verifier) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", config.oauthClientId().orElseThrow());
        query.put("redirect_uri", config.redirectUri().toString());
        query.put("response_type", "code");
        query.put("scope", config.scope());
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("access_type", "offline");
        query.put("prompt", "consent");
        return URI.create(config.authorizeUrl() + "?" + form(query));
    }

    /** The user's refresh token for the code, redeemed with the flow's PKCE verifier. */
    public String refreshTokenFor(String code, String verifier) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("client_id", config.oauthClientId().orElseThrow());
        body.put("client_secret", config.oauthClientSecret().orElseThrow());
        body.put("redirect_uri", config.redirectUri().toString());
        body.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("Google's token endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        JsonObject answer;
        try {
            answer = new JsonObject(response.body());
        } catch (RuntimeException notJson) {
            throw new Refused("Google's token endpoint answered " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new Refused(answer.getString("error", "error") + ": " + answer.getString("error_description", ""));
        }
        String refresh = answer.getString("refresh_token");
        if (refresh == null || refresh.isBlank()) {
            throw new Refused("Google gave no refresh token (offline access was not granted)");
        }
        return refresh;
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

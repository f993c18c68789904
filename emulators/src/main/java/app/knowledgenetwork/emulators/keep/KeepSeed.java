package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Applies a seed document: {@code {"serviceAccounts":[{"clientEmail","publicKeyPem"}],
 * "refreshTokens":[{"refreshToken","clientId","clientSecret","user","scopes":[...]}],
 * "users":{"alice@example.com":[note, ...]}}}, each note as {@link KeepJson#seed} reads it.
 */
final class KeepSeed {

    private KeepSeed() {
    }

    static void apply(JsonNode seed, KeepStore store, GoogleIdentities identities) {
        for (JsonNode account : seed.path("serviceAccounts")) {
            registerServiceAccount(account, identities);
        }
        for (JsonNode token : seed.path("refreshTokens")) {
            registerRefreshToken(token, identities);
        }
        seed.path("users").fields().forEachRemaining(user -> {
            for (JsonNode note : user.getValue()) {
                store.put(KeepJson.seed(user.getKey(), note));
            }
        });
    }

    static void registerServiceAccount(JsonNode account, GoogleIdentities identities) {
        identities.registerServiceAccount(required(account, "clientEmail"), required(account, "publicKeyPem"));
    }

    static void registerRefreshToken(JsonNode token, GoogleIdentities identities) {
        Set<String> scopes = new HashSet<>();
        token.path("scopes").forEach(s -> scopes.add(s.asText()));
        if (scopes.isEmpty()) {
            scopes.add("https://www.googleapis.com/auth/keep.readonly");
        }
        identities.registerRefreshToken(new GoogleIdentities.RefreshToken(required(token, "refreshToken"),
                required(token, "clientId"), required(token, "clientSecret"), required(token, "user"), Set.copyOf(scopes)));
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required in " + node);
        }
        return value;
    }
}

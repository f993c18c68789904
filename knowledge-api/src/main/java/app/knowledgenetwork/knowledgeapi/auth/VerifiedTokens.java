package app.knowledgenetwork.knowledgeapi.auth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens this replica has already verified, each kept until its own {@code exp}. Checking the RS256
 * signature and parsing the claims cost as much CPU as answering a small query (bench/graphql), and a client
 * sends the same token for up to 15 minutes. Keyed by the whole token string, signature included, so only a
 * byte-for-byte copy of a verified token is ever found; nothing is kept past its expiry, so caching never
 * extends a token's life.
 */
final class VerifiedTokens {
    private final Map<String, JsonWebToken> byToken = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    Optional<JsonWebToken> find(String token) {
        JsonWebToken verified = byToken.get(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (!live(verified)) {
            byToken.remove(token, verified);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    void remember(String token, JsonWebToken verified) {
        if (!live(verified)) {
            return;
        }
        if (byToken.size() >= capacity) {
            byToken.values().removeIf(t -> !live(t));
            if (byToken.size() >= capacity) {
                // More live tokens than we keep: start over rather than track recency on every hit.
                byToken.clear();
            }
        }
        byToken.put(token, verified);
    }

    int size() {
        return byToken.size();
    }

    private boolean live(JsonWebToken token) {
        return token.getExpirationTime() > clock.instant().getEpochSecond();
    }
}

package app.knowledgenetwork.knowledgeapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The replica's memory of verified access tokens never outlives a token and stays bounded. */
class VerifiedTokensTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    record Token(String name, long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }

    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aVerifiedTokenIsFoundUntilItExpiresAndNotAfter() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        Token token = new Token("a", NOW.plusSeconds(900).getEpochSecond());
        tokens.remember("header.payload.signature", token);

        assertSame(token, tokens.find("header.payload.signature").orElseThrow());
        assertTrue(tokens.find("header.payload.other-signature").isEmpty(), "only the very same token string is known");

        clock.now = NOW.plusSeconds(900);
        assertTrue(tokens.find("header.payload.signature").isEmpty(), "an expired token must be verified again (and refused)");
        assertEquals(0, tokens.size());
    }

    @Test
    void anExpiredTokenIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10, new MovableClock());
        tokens.remember("old", new Token("old", NOW.minusSeconds(1).getEpochSecond()));
        assertTrue(tokens.find("old").isEmpty());
    }

    @Test
    void itKeepsAtMostItsCapacityDroppingExpiredTokensFirst() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(3, clock);
        tokens.remember("short", new Token("short", NOW.plusSeconds(10).getEpochSecond()));
        tokens.remember("long-1", new Token("long-1", NOW.plusSeconds(900).getEpochSecond()));
        tokens.remember("long-2", new Token("long-2", NOW.plusSeconds(900).getEpochSecond()));
        clock.now = NOW.plusSeconds(60);

        tokens.remember("long-3", new Token("long-3", NOW.plusSeconds(900).getEpochSecond()));
        assertEquals(3, tokens.size());
        assertTrue(tokens.find("long-1").isPresent() && tokens.find("long-3").isPresent());

        tokens.remember("long-4", new Token("long-4", NOW.plusSeconds(900).getEpochSecond()));
        assertTrue(tokens.size() <= 3);
        assertTrue(tokens.find("long-4").isPresent(), "the newest token is always kept");
    }
}

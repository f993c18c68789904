package app.knowledgenetwork.knowledgeapi.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpTest {
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238Sha1TestVectors() {
        assertEquals("94287082", Totp.code(RFC_SECRET, 59 / 30, 8));
        assertEquals("07081804", Totp.code(RFC_SECRET, 1111111109L / 30, 8));
        assertEquals("14050471", Totp.code(RFC_SECRET, 1111111111L / 30, 8));
        assertEquals("89005924", Totp.code(RFC_SECRET, 1234567890L / 30, 8));
        assertEquals("69279037", Totp.code(RFC_SECRET, 2000000000L / 30, 8));
    }

    @Test
    void acceptsOneStepOfDriftButNotReplaysOrOldCodes() {
        long now = 1_700_000_000L;
        String current = Totp.code(RFC_SECRET, now / 30, 6);
        assertEquals(now / 30, Totp.verify(RFC_SECRET, current, now + 30, 0).getAsLong());
        assertTrue(Totp.verify(RFC_SECRET, current, now + 90, 0).isEmpty(), "too old");
        assertTrue(Totp.verify(RFC_SECRET, current, now, now / 30).isEmpty(), "already used");
        assertTrue(Totp.verify(RFC_SECRET, "12345", now, 0).isEmpty());
    }

    @Test
    void base32RoundTrips() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(RFC_SECRET));
        assertArrayEquals(RFC_SECRET, Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }
}

package app.knowledgenetwork.knowledgeapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up checks of the signing key settings. */
class SigningKeysTest {

    record Settings(String issuer, String audience, Optional<String> privateKey, boolean ephemeralKeyAllowed, Duration accessTokenTtl,
                    Duration refreshTokenTtl, Duration sessionMaxLifetime) implements AuthConfig {
        @Override
        public EmailProbeLimit emailProbes() {
            throw new UnsupportedOperationException("not read by SigningKeys");
        }
    }

    static Settings prod(String pem) {
        return new Settings("https://knowledge.example", "knowledge-network", Optional.ofNullable(pem), false, Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofHours(12));
    }

    @Test
    void productionWithoutAKeyRefusesToStartNamingTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SigningKeys(prod(null)));
        assertTrue(e.getMessage().contains("JWT_PRIVATE_KEY"), e.getMessage());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> new SigningKeys(prod("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----")));
        assertTrue(bad.getMessage().contains("JWT_PRIVATE_KEY"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> new SigningKeys(
                new Settings("iss", "knowledge-network", Optional.empty(), true, Duration.ZERO, Duration.ofDays(7), Duration.ofHours(12))));
    }

    @Test
    void aPkcs8KeyIsUsedAndItsKidIsStable() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        SigningKeys one = new SigningKeys(prod(pem));
        SigningKeys two = new SigningKeys(prod(pem));
        assertEquals(pair.getPublic(), one.publicKey());
        assertEquals(one.keyId(), two.keyId());
        SigningKeys ephemeral = new SigningKeys(new Settings("iss", "knowledge-network", Optional.empty(), true, Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofHours(12)));
        assertNotEquals(one.keyId(), ephemeral.keyId());
        assertEquals("AQAB", one.jwk().get("e"));
    }
}

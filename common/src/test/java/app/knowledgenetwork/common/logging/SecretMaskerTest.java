package app.knowledgenetwork.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "login failed password=hunter2 for user | hunter2",
        "{\"refresh_token\": \"1//0gAbCdEfGhIjKlMnOp\"} | 1//0gAbCdEfGhIjKlMnOp",
        "Authorization: Bearer abcdefghijklmnop.qrs | abcdefghijklmnop.qrs",
        "notion token secret_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 rejected | secret_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "google said ya29.a0AfH6SMBxyzxyzxyz | ya29.a0AfH6SMBxyzxyzxyz",
        "jdbc:postgresql://kn:s3cr3t@db:5432/knowledge | s3cr3t",
        "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl leaked | eyJhbGciOiJSUzI1NiJ9",
    })
    void credentialsNeverSurviveMasking(String line, String secret) {
        String masked = SecretMasker.mask(line);
        assertFalse(masked.contains(secret), masked);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "synced 42 notes for connection 7 in 1.2 s";
        assertEquals(line, SecretMasker.mask(line));
    }

    @Test
    void theNameOfTheSettingStaysReadable() {
        assertEquals("password=" + SecretMasker.MASK + " rejected", SecretMasker.mask("password=hunter2 rejected"));
    }
}

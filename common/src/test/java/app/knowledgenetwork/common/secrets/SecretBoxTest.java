package app.knowledgenetwork.common.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void opensWhatItSealedAndNeverShowsThePlaintext() {
        SecretBox box = SecretBox.fromBase64("ENCRYPTION_KEY", KEY);
        String sealed = box.seal("secret_notion_token", "connection:1:notion-token");

        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("secret_notion_token"));
        assertEquals("secret_notion_token", box.open(sealed, "connection:1:notion-token"));
    }

    @Test
    void sealingTwiceGivesDifferentValues() {
        SecretBox box = SecretBox.fromBase64("ENCRYPTION_KEY", KEY);
        assertNotEquals(box.seal("same", "c"), box.seal("same", "c"));
    }

    @Test
    void anotherContextAnotherKeyOrAlteredBytesDoNotOpen() {
        SecretBox box = SecretBox.fromBase64("ENCRYPTION_KEY", KEY);
        String sealed = box.seal("token", "connection:1:notion-token");

        assertThrows(SecretUnreadableException.class, () -> box.open(sealed, "connection:2:notion-token"));
        assertThrows(SecretUnreadableException.class,
                () -> SecretBox.fromBase64("ENCRYPTION_KEY", OTHER_KEY).open(sealed, "connection:1:notion-token"));
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(SecretUnreadableException.class, () -> box.open(altered, "connection:1:notion-token"));
        assertThrows(SecretUnreadableException.class, () -> box.open("plain", "connection:1:notion-token"));
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedNamingTheSetting() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> SecretBox.fromBase64("ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("ENCRYPTION_KEY decodes to 16 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("ENCRYPTION_KEY", "  "))
                .getMessage().contains("ENCRYPTION_KEY is not set"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("ENCRYPTION_KEY", "!!!"))
                .getMessage().contains("not base64"));
    }
}

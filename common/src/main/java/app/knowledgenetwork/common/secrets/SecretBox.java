package app.knowledgenetwork.common.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets a service must store (OAuth refresh tokens, Notion integration tokens) with
 * AES-256-GCM under the key of {@code ENCRYPTION_KEY}. A sealed value is text,
 * {@code v1:<base64 of nonce ‖ ciphertext ‖ tag>}, with a fresh 96-bit random nonce each time.
 *
 * <p>The context (for example {@code "connection:<id>:notion-token"}) is authenticated but not stored:
 * a sealed value copied into another row or field does not open there, so a database-level mix-up
 * cannot hand one user's token to another. {@link #toString()} never shows the key.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, this one has " + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The box of a base64 key as {@code ENCRYPTION_KEY} holds it ({@code head -c 32 /dev/urandom | base64}).
     *
     * @throws IllegalArgumentException naming the setting when the value is not base64 of 32 bytes
     */
    public static SecretBox fromBase64(String setting, String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set: it must hold 32 random bytes in base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64: it must hold 32 random bytes in base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(setting + " decodes to " + key.length + " bytes; AES-256 needs exactly 32");
        }
        try {
            return new SecretBox(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** Whether a stored value is in the sealed format (a value stored before sealing was introduced is not). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * @throws SecretUnreadableException when the value was sealed under another key or context, or altered
     */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretUnreadableException("not a sealed secret of format " + PREFIX);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("the sealed secret is not base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("the sealed secret is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("the sealed secret does not open with this key and context (another ENCRYPTION_KEY, or altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}

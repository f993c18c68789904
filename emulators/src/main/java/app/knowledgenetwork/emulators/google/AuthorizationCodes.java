package app.knowledgenetwork.emulators.google;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consents waiting for the user's answer and the authorization codes they produced. A code is good for
 * one exchange within ten minutes, as Google's are, and remembers the PKCE challenge it must be redeemed with.
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** An authorize request shown to the user, waiting for Allow or Deny. */
    public record Pending(String id, String clientId, String redirectUri, Set<String> scopes, String state,
                          String codeChallenge, String codeChallengeMethod, boolean offline) {
    }

    /** An issued code: who consented to what, for which client and redirect URI. */
    public record Code(String code, String clientId, String redirectUri, String user, Set<String> scopes,
                       String codeChallenge, String codeChallengeMethod, boolean offline, Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Pending await(String clientId, String redirectUri, Set<String> scopes, String state, String challenge,
                         String method, boolean offline) {
        Pending p = new Pending(randomToken(), clientId, redirectUri, Set.copyOf(scopes), state, challenge, method, offline);
        pending.put(p.id(), p);
        return p;
    }

    /** The pending consent, taken: a consent form can be answered once. */
    public Optional<Pending> answer(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(pending.remove(id));
    }

    public Code issue(Pending consent, String user) {
        Code code = new Code("4/0A" + randomToken(), consent.clientId(), consent.redirectUri(), user, consent.scopes(),
                consent.codeChallenge(), consent.codeChallengeMethod(), consent.offline(), Instant.now().plus(CODE_LIFETIME));
        codes.put(code.code(), code);
        return code;
    }

    /** The code, removed whatever happens next: a second exchange of the same code always fails. */
    public Optional<Code> redeem(String code) {
        return code == null ? Optional.empty()
                : Optional.ofNullable(codes.remove(code)).filter(c -> c.expiresAt().isAfter(Instant.now()));
    }

    /** Whether the verifier answers the challenge (RFC 7636 section 4.6). */
    static boolean verifies(String method, String challenge, String verifier) {
        if ("plain".equals(method)) {
            return MessageDigest.isEqual(challenge.getBytes(StandardCharsets.US_ASCII), verifier.getBytes(StandardCharsets.US_ASCII));
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void reset() {
        pending.clear();
        codes.clear();
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

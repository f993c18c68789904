package app.knowledgenetwork.knowledgeapi.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser smallrye-jwt uses for bearer tokens (HTTP requests and WebSocket sessions): it verifies a token once
 * per replica and then finds it in {@link VerifiedTokens} until it expires. Refused tokens are not remembered:
 * each is checked, and refused, again. (An alternative bean rather than a decorator: ArC's subclass of
 * DefaultJWTParser cannot reach its private fields in Quarkus' test class loaders.)
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachedTokenVerification implements JWTParser {
    /** About 2 MB of verified tokens: far more than the clients one replica serves in 15 minutes. */
    private static final int CAPACITY = 10_000;

    private final JWTParser verifier;
    private final VerifiedTokens verified = new VerifiedTokens(CAPACITY, Clock.systemUTC());

    private final AccessRevocations revocations;

    public CachedTokenVerification(JWTAuthContextInfo contextInfo, AccessRevocations revocations) {
        this.verifier = new DefaultJWTParser(contextInfo);
        this.revocations = revocations;
    }

    /** A verified token, unless its user's tokens were revoked since it was issued (checked every time, in memory). */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        var known = verified.find(token);
        JsonWebToken jwt = known.isPresent() ? known.get() : verifier.parse(token);
        if (known.isEmpty()) {
            verified.remember(token, jwt);
        }
        if (revocations.revoked(jwt.getSubject(), Caller.issuedAtMillis(jwt))) {
            throw new ParseException("The access token was revoked (account disabled, signed out everywhere or MFA turned off): sign in again");
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

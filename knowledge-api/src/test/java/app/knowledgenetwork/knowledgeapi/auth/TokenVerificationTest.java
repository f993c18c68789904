package app.knowledgenetwork.knowledgeapi.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Access tokens are taken only as issued: RS256 with our key, our issuer, our audience, not expired. Each forged or
 * stale variant of a real user's token is refused with 401, while the genuine one is served.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class TokenVerificationTest {
    @Inject
    SigningKeys keys;
    @ConfigProperty(name = "kn.auth.issuer")
    String issuer;
    @ConfigProperty(name = "kn.auth.audience")
    String audience;

    @Test
    void onlyTokensAsIssuedAreAccepted() throws Exception {
        Gql.Session user = Gql.newUser("verified");
        assertEquals(200, status(user.accessToken()));
        assertEquals(200, status(signed(claims(user, issuer, audience, 600))), "a token made like ours is served");

        assertEquals(401, status(signed(claims(user, "https://evil.example", audience, 600))), "wrong issuer");
        assertEquals(401, status(signed(claims(user, issuer, "some-other-service", 600))), "wrong audience");
        assertEquals(401, status(signed(claims(user, issuer, null, 600))), "no audience");
        assertEquals(401, status(signed(claims(user, issuer, audience, -600))), "expired");

        String payload = base64("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + user.userId() + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + ",\"groups\":[\"ADMIN\"]}");
        assertEquals(401, status(base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."), "alg none");

        // HS256 keyed with the public key: the classic confusion of a verifier that takes the algorithm from the token.
        String hsInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keys.keyId() + "\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.publicKey().getEncoded(), "HmacSHA256"));
        String hs = hsInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(401, status(hs), "HS256 with the public key");

        String genuine = user.accessToken();
        String[] parts = genuine.split("\\.");
        assertEquals(401, status(parts[0] + "." + payload + "." + parts[2]), "a genuine signature over other claims");
    }

    private JwtClaimsBuilder claims(Gql.Session user, String iss, String aud, long expiresInSeconds) {
        JwtClaimsBuilder claims = Jwt.issuer(iss).subject(user.userId()).groups(Set.of("USER")).claim("amr", java.util.List.of("pwd"))
                .issuedAt(Instant.now().minusSeconds(1200)).expiresAt(Instant.now().plusSeconds(expiresInSeconds));
        return aud == null ? claims : claims.audience(aud);
    }

    private String signed(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.RS256).sign(keys.keyPair().getPrivate());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(String token) {
        return given().contentType("application/json").header("Authorization", "Bearer " + token)
                .body(Map.of("query", "{ me { id } }")).post("/graphql").statusCode();
    }
}

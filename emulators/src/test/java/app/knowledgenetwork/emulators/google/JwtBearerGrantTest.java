package app.knowledgenetwork.emulators.google;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-account grant, with assertions signed here as google-auth-library signs them. */
@QuarkusTest
class JwtBearerGrantTest {

    static final String KEEP = "https://www.googleapis.com/auth/keep.readonly";

    KeyPair registered;
    String clientEmail;

    @BeforeEach
    void registerServiceAccount() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        registered = generator.generateKeyPair();
        clientEmail = "sa-" + UUID.randomUUID().toString().substring(0, 8) + "@p.iam.gserviceaccount.com";
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + Base64.getEncoder().encodeToString(registered.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----";
        given().contentType(ContentType.JSON).body("{\"clientEmail\":\"" + clientEmail + "\",\"publicKeyPem\":\"" + pem + "\"}")
                .post("/_emulator/keep/service-accounts").then().statusCode(204);
    }

    static String jwt(PrivateKey key, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    String claims(String scope, String subject) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + clientEmail + "\",\"scope\":\"" + scope + "\",\"aud\":\"http://localhost/google/oauth2/token\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + (subject == null ? "" : ",\"sub\":\"" + subject + "\"") + "}";
    }

    io.restassured.response.ValidatableResponse grant(String assertion) {
        return given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", assertion)
                .post("/google/oauth2/token").then();
    }

    @Test
    void aDelegatedAssertionSignedWithTheRegisteredKeyGetsATokenForTheSubject() throws Exception {
        String token = grant(jwt(registered.getPrivate(), claims(KEEP, "alice@corp.example"))).statusCode(200)
                .body("token_type", equalTo("Bearer")).body("access_token", startsWith("ya29.")).extract().path("access_token");
        given().contentType(ContentType.JSON).body("{\"id\":\"mine\",\"body\":{\"text\":{\"text\":\"a\"}}}")
                .post("/_emulator/keep/users/alice@corp.example/notes").then().statusCode(201);
        given().auth().oauth2(token).get("/keep/v1/notes/mine").then().statusCode(200).body("permissions[0].email", equalTo("alice@corp.example"));
    }

    @Test
    void refusesAnAssertionSignedWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        grant(jwt(generator.generateKeyPair().getPrivate(), claims(KEEP, "alice@corp.example"))).statusCode(400)
                .body("error", equalTo("invalid_grant")).body("error_description", equalTo("Invalid JWT Signature."));
    }

    @Test
    void refusesAnAssertionWithoutTheDelegatedUserOrTheKeepScope() throws Exception {
        grant(jwt(registered.getPrivate(), claims(KEEP, null))).statusCode(400)
                .body("error", equalTo("invalid_grant")).body("error_description", containsString("sub"));
        grant(jwt(registered.getPrivate(), claims("https://www.googleapis.com/auth/drive", "alice@corp.example"))).statusCode(400)
                .body("error", equalTo("invalid_scope"));
        given().formParam("grant_type", "password").post("/google/oauth2/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }
}

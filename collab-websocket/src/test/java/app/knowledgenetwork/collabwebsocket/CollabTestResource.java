package app.knowledgenetwork.collabwebsocket;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Stands in for knowledge-api's identity: an RSA key whose public half is served as a JWK Set over HTTP on loopback
 * (as knowledge-api's /.well-known/jwks.json serves it), and faster saves so tests need not wait. Tests sign tokens
 * with the private half ({@link TestTokens}); the key travels through a system property because test resources and
 * tests may live in different class loaders of the same JVM.
 */
public class CollabTestResource implements QuarkusTestResourceLifecycleManager {
    static final String ISSUER = "https://knowledge-api.test";
    static final String KEY_PROPERTY = "kn.test.collab.signing-key";
    static final String KID = "test-key";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            System.setProperty(KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            jwk.setKeyId(KID);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            byte[] body = ("{\"keys\":[" + jwk.toJson() + "]}").getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of(
                    "kn.collab.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                    "kn.collab.issuer", ISSUER,
                    "kn.collab.save-debounce", "PT0.2S",
                    "kn.collab.save-max-delay", "PT1S",
                    "kn.collab.save-retry", "PT0.5S");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The emulators (through {@link EmulatorsTestResource}) plus a service account of this run: a fresh
 * RSA key whose public half is registered with the emulated token endpoint and whose JSON key is given
 * to the service as {@code GOOGLE_SERVICE_ACCOUNT_JSON} would be, and the OAuth client that the tests'
 * refresh tokens belong to.
 */
public class KeepEmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String OAUTH_CLIENT_ID = "keep-extractor-test.apps.googleusercontent.com";
    public static final String OAUTH_CLIENT_SECRET = "test-client-secret";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new EmulatorsTestResource().start());
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            String clientEmail = "kx-" + UUID.randomUUID().toString().substring(0, 8) + "@kn-test.iam.gserviceaccount.com";
            String publicPem = pem("PUBLIC KEY", key.getPublic().getEncoded());
            post("/_emulator/keep/service-accounts", "{\"clientEmail\":\"" + clientEmail + "\",\"publicKeyPem\":\""
                    + publicPem.replace("\n", "\\n") + "\"}");
            String privatePem = pem("PRIVATE KEY", key.getPrivate().getEncoded()).replace("\n", "\\n");
            config.put("kn.google.service-account-json", "{\"type\":\"service_account\",\"project_id\":\"kn-test\","
                    + "\"private_key_id\":\"" + UUID.randomUUID() + "\",\"private_key\":\"" + privatePem + "\","
                    + "\"client_email\":\"" + clientEmail + "\",\"client_id\":\"1234567890\","
                    + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}");
            config.put("kn.google.oauth-client-id", OAUTH_CLIENT_ID);
            config.put("kn.google.oauth-client-secret", OAUTH_CLIENT_SECRET);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the test service account", e);
        }
    }

    @Override
    public void stop() {
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void post(String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(EmulatorsTestResource.baseUrl() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}

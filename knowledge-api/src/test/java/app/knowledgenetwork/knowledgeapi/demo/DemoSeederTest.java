package app.knowledgenetwork.knowledgeapi.demo;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class DemoSeederTest {
    static final String TABLES = "SELECT (SELECT count(*) FROM app_user) || '/' || (SELECT count(*) FROM workspace) || '/' || (SELECT count(*) FROM document) || '/' "
            + "|| (SELECT count(*) FROM document_link) || '/' || (SELECT count(*) FROM comment) || '/' || (SELECT count(*) FROM outbox_event) || '/' "
            + "|| (SELECT count(*) FROM mfa_recovery_code) || '/' || (SELECT count(*) FROM refresh_token)";
    static final String DOCUMENT = """
            query($id: ID!) { document(id: $id) { title parentId tags links { title } backlinks { title } commentCount
              comments(first: 10) { edges { node { body replies { body } } } } } }""";

    @Inject
    DemoSeeder seeder;
    @Inject
    EntityManager em;

    @Test
    void seedsOnceAndTheDemoAdminSignsInWithThePrintedPasswordAndTotpSecret() {
        DemoSeed seed = seeder.seed();
        Map<String, String> printed = parse(seed.render());
        assertEquals("created", printed.get("DEMO_SEED"));
        assertEquals("admin@demo.local", printed.get("DEMO_EMAIL"));
        assertEquals(10, printed.get("DEMO_RECOVERY_CODES").split(" ").length);
        assertTrue(printed.get("DEMO_OTPAUTH_URI").startsWith("otpauth://totp/") && printed.get("DEMO_OTPAUTH_URI").contains("secret=" + printed.get("DEMO_TOTP_SECRET")));
        assertEquals("8", printed.get("DEMO_DOCUMENTS"));

        // A second run changes nothing and shows no secret.
        String before = state();
        DemoSeed again = seeder.seed();
        assertEquals(before, state());
        Map<String, String> second = parse(again.render());
        assertEquals("already-seeded", second.get("DEMO_SEED"));
        assertEquals(printed.get("DEMO_USER_ID"), second.get("DEMO_USER_ID"));
        assertEquals(printed.get("DEMO_WORKSPACE_ID"), second.get("DEMO_WORKSPACE_ID"));
        assertEquals("8", second.get("DEMO_DOCUMENTS"));
        for (String secret : List.of(printed.get("DEMO_PASSWORD"), printed.get("DEMO_TOTP_SECRET"), printed.get("DEMO_RECOVERY_CODES").split(" ")[0])) {
            assertFalse(again.render().contains(secret));
        }

        // Password, then a code from the printed secret (at once: the seeder's own code was not burnt).
        JsonPath login = call(null, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } mfaChallenge } }",
                "e", printed.get("DEMO_EMAIL"), "p", printed.get("DEMO_PASSWORD"));
        assertNull(login.get("data.login.session"), "MFA is on");
        String code = Totp.code(Totp.fromBase32(printed.get("DEMO_TOTP_SECRET")), Instant.now().getEpochSecond() / Totp.STEP_SECONDS, 6);
        String token = call(null, "mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken user { platformRole } } }",
                "c", login.getString("data.login.mfaChallenge"), "code", code).getString("data.verifyMfa.accessToken");
        assertNotNull(token);
        assertTrue(claims(token).getList("amr").contains("mfa"));
        JsonPath admins = call(token, "{ users(emailContains: \"@demo.local\") { edges { node { email platformRole mfaEnabled } } } }");
        assertEquals(List.of(Map.of("email", "admin@demo.local", "platformRole", "ADMIN", "mfaEnabled", true)), admins.getList("data.users.edges.node"));

        // The workspace: a tree of documents that link to each other, and a comment thread.
        String ws = printed.get("DEMO_WORKSPACE_ID");
        JsonPath page = call(token, "query($w: ID!) { workspace(id: $w) { name myRole } documents(workspaceId: $w, first: 100) { edges { node { id title parentId } } } }", "w", ws);
        assertEquals("Demo", page.getString("data.workspace.name"));
        assertEquals("OWNER", page.getString("data.workspace.myRole"));
        Map<String, String> ids = new HashMap<>();
        List<Map<String, String>> nodes = page.getList("data.documents.edges.node");
        nodes.forEach(n -> ids.put(n.get("title"), n.get("id")));
        assertEquals(8, ids.size());
        assertEquals(Set.of("Knowledge Graph", "Editing Together"), titlesWhere(nodes, ids.get("Welcome")));
        assertEquals(Set.of("Wiki Links", "Backlinks"), titlesWhere(nodes, ids.get("Knowledge Graph")));

        JsonPath welcome = call(token, DOCUMENT, "id", ids.get("Welcome"));
        assertEquals(Set.of("Knowledge Graph", "Editing Together", "Search"), new HashSet<>(welcome.getList("data.document.links.title")));
        assertEquals(Set.of("Comments", "Search"), new HashSet<>(welcome.getList("data.document.backlinks.title")));
        assertEquals(1, welcome.getList("data.document.comments.edges").size());
        assertEquals(1, welcome.getList("data.document.comments.edges[0].node.replies").size());
        JsonPath backlinks = call(token, DOCUMENT, "id", ids.get("Backlinks"));
        assertEquals(Set.of("Knowledge Graph", "Wiki Links"), new HashSet<>(backlinks.getList("data.document.backlinks.title")));
        JsonPath graph = call(token, "query($w: ID!, $r: ID!) { graph(workspaceId: $w, rootId: $r, depth: 3) { nodes { title } } }", "w", ws, "r", ids.get("Welcome"));
        assertEquals(8, graph.getList("data.graph.nodes").size(), "every demo document is within three links of Welcome");
    }

    private static Set<String> titlesWhere(List<Map<String, String>> nodes, String parentId) {
        Set<String> titles = new HashSet<>();
        nodes.stream().filter(n -> parentId.equals(n.get("parentId"))).forEach(n -> titles.add(n.get("title")));
        return titles;
    }

    private String state() {
        return (String) em.createNativeQuery(TABLES).getSingleResult();
    }

    /** Reads the printed lines as a shell would source them. */
    private static Map<String, String> parse(String printed) {
        Map<String, String> values = new HashMap<>();
        for (String line : printed.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("=", 2);
            String value = kv[1].startsWith("'") && kv[1].endsWith("'") ? kv[1].substring(1, kv[1].length() - 1) : kv[1];
            assertFalse(value.contains("'"), line);
            values.put(kv[0], value);
        }
        return values;
    }

    private static JsonPath claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}

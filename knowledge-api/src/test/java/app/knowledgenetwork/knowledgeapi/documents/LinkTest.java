package app.knowledgenetwork.knowledgeapi.documents;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.createId;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class LinkTest {
    static final String BACKLINKS = "query($id: ID!) { document(id: $id) { backlinks { title } links { title } } }";

    /** Finding 12: link targets are parameters of one statement; past 5,000 the content is refused with a clear error, not a 500. */
    @Test
    void contentLinkingToMoreThanFiveThousandDocumentsIsRefusedClearly() {
        Session owner = Gql.newUser("linker");
        String ws = workspace(owner);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 5_000; i++) {
            many.append("[[Page ").append(i).append("]] ");
        }
        JsonPath refused = DocumentTest.create(owner, ws, "Index of everything", many.toString());
        assertEquals("BAD_USER_INPUT", errorCode(refused), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("links to 5001 different documents; at most 5000"), refused.prettify());

        String fiveThousand = many.substring(0, many.indexOf("[[Page 5000]]"));
        JsonPath accepted = DocumentTest.create(owner, ws, "Index of almost everything", fiveThousand);
        assertTrue(accepted.get("errors") == null, accepted.prettify());
    }

    @Test
    void wikiLinksAndIdLinksBecomeEdgesWithBacklinks() {
        Session user = Gql.newUser("linker");
        String ws = workspace(user);
        String graphs = createId(user, ws, "Graph Theory", "nodes and edges");
        String euler = createId(user, ws, "Euler", "See [[graph theory]] and [[Königsberg|the bridges]].");
        String notes = createId(user, ws, "Notes", "Read [this](/documents/" + graphs + ") twice.");

        assertEquals(Set.of("Euler", "Notes"), new HashSet<>(call(user.accessToken(), BACKLINKS, "id", graphs).getList("data.document.backlinks.title")));
        assertEquals(List.of("Graph Theory"), call(user.accessToken(), BACKLINKS, "id", euler).getList("data.document.links.title"));

        // A link written before its target existed becomes an edge when the target is created.
        String bridges = createId(user, ws, "Königsberg", "seven bridges");
        assertEquals(List.of("Euler"), call(user.accessToken(), BACKLINKS, "id", bridges).getList("data.document.backlinks.title"));

        // Editing the content away removes the edge.
        call(user.accessToken(), DocumentTest.UPDATE, "id", notes, "rev", 1, "ch", Map.of("content", "nothing here"));
        assertEquals(List.of("Euler"), call(user.accessToken(), BACKLINKS, "id", graphs).getList("data.document.backlinks.title"));

        // Links never cross workspaces, even by id.
        String other = workspace(user);
        String foreign = createId(user, other, "Foreign", "[[Graph Theory]] " + graphs);
        assertEquals(List.of(), call(user.accessToken(), BACKLINKS, "id", foreign).getList("data.document.links.title"));
    }

    @Test
    void contentLinkingToTooManyDocumentsIsRefusedNamingTheLimit() {
        Session user = Gql.newUser("hoarder");
        String ws = DocumentTest.workspace(user);
        // 40,000 distinct titles: one parameter each would pass PostgreSQL's 32,767 and fail as a server error.
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            content.append("[[t").append(i).append("]]");
        }
        JsonPath r = DocumentTest.create(user, ws, "Index", content.toString());
        assertEquals("BAD_USER_INPUT", r.getString("errors[0].extensions.code"), r.prettify());
        assertTrue(r.getString("errors[0].message").startsWith("content: links to 40000 different documents"), r.getString("errors[0].message"));
    }

    @Test
    void graphReturnsTheNeighbourhoodToTheRequestedDepth() {
        Session user = Gql.newUser("grapher");
        String ws = workspace(user);
        String a = createId(user, ws, "A", "[[B]]");
        String b = createId(user, ws, "B", "[[C]]");
        String c = createId(user, ws, "C", "[[D]]");
        String d = createId(user, ws, "D", "");
        call(user.accessToken(), DocumentTest.UPDATE, "id", a, "rev", 1, "ch", Map.of("content", "[[B]]"));

        String query = "query($w: ID!, $r: ID!, $d: Int!) { graph(workspaceId: $w, rootId: $r, depth: $d) { nodes { id title depth } edges { source target } } }";
        JsonPath one = call(user.accessToken(), query, "w", ws, "r", b, "d", 1);
        assertEquals(Set.of("A", "B", "C"), new HashSet<>(one.getList("data.graph.nodes.title")));
        assertEquals(Set.of(a + ">" + b, b + ">" + c), edges(one));

        JsonPath two = call(user.accessToken(), query, "w", ws, "r", a, "d", 2);
        assertEquals(Set.of("A", "B", "C"), new HashSet<>(two.getList("data.graph.nodes.title")));
        JsonPath three = call(user.accessToken(), query, "w", ws, "r", a, "d", 3);
        assertEquals(Set.of(a + ">" + b, b + ">" + c, c + ">" + d), edges(three));

        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), query, "w", ws, "r", a, "d", 9)));
        Session stranger = Gql.newUser("stranger");
        assertEquals("NOT_FOUND", errorCode(call(stranger.accessToken(), query, "w", ws, "r", a, "d", 1)));
    }

    static final String WORKSPACE_GRAPH = "query($w: ID!, $f: Int) { workspaceGraph(workspaceId: $w, first: $f) { nodes { id title links } edges { source target } documentCount } }";

    /** The whole workspace in one request, so the graph page no longer walks it one document at a time. */
    @Test
    void workspaceGraphIsEveryLiveDocumentAndLinkMostLinkedFirst() {
        Session user = Gql.newUser("mapper");
        String ws = workspace(user);
        String hub = createId(user, ws, "Hub", "[[Spoke 1]] [[Spoke 2]] [[Lonely island]]");
        String one = createId(user, ws, "Spoke 1", "[[Spoke 2]]");
        String two = createId(user, ws, "Spoke 2", "");
        String island = createId(user, ws, "Lonely island", "");
        String alone = createId(user, ws, "Unlinked", "no links at all");
        String trashed = createId(user, ws, "Trashed", "[[Hub]]");
        call(user.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", trashed);
        String elsewhere = createId(user, workspace(user), "Elsewhere", "[[Hub]]");

        JsonPath all = call(user.accessToken(), WORKSPACE_GRAPH, "w", ws, "f", null);
        assertEquals(List.of(hub, one, two, island, alone), all.getList("data.workspaceGraph.nodes.id"), all.prettify());
        assertEquals(List.of(3, 2, 2, 1, 0), all.getList("data.workspaceGraph.nodes.links"));
        assertEquals(Set.of(hub + ">" + one, hub + ">" + two, hub + ">" + island, one + ">" + two), edges(all, "workspaceGraph"));
        assertEquals(5, all.getInt("data.workspaceGraph.documentCount"));
        assertTrue(!all.getList("data.workspaceGraph.nodes.id").contains(elsewhere));

        // Cut to the best-connected documents, with only the links between those, and the count of all.
        JsonPath top = call(user.accessToken(), WORKSPACE_GRAPH, "w", ws, "f", 2);
        assertEquals(List.of(hub, one), top.getList("data.workspaceGraph.nodes.id"));
        assertEquals(Set.of(hub + ">" + one), edges(top, "workspaceGraph"));
        assertEquals(5, top.getInt("data.workspaceGraph.documentCount"));

        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), WORKSPACE_GRAPH, "w", ws, "f", 2001)));
        assertEquals("NOT_FOUND", errorCode(call(Gql.newUser("outsider").accessToken(), WORKSPACE_GRAPH, "w", ws, "f", null)));
    }

    private static Set<String> edges(JsonPath graph) {
        return edges(graph, "graph");
    }

    private static Set<String> edges(JsonPath graph, String field) {
        List<Map<String, String>> edges = graph.getList("data." + field + ".edges");
        Set<String> out = new HashSet<>();
        edges.forEach(e -> out.add(e.get("source") + ">" + e.get("target")));
        return out;
    }
}

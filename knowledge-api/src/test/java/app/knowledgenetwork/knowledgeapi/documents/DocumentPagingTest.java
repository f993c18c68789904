package app.knowledgenetwork.knowledgeapi.documents;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.addMember;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.create;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class DocumentPagingTest {
    static final String PAGE = """
            query($w: ID!, $first: Int, $after: String) {
              documents(workspaceId: $w, first: $first, after: $after) {
                edges { cursor node { id title tags commentCount author { id email displayName } updatedBy { displayName } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    @Inject
    EntityManagerFactory emf;

    @Test
    void aPageOfFiftyDocumentsWithAuthorsTagsAndCommentCountsCostsAsManyStatementsAsAPageOfFive() {
        Session owner = Gql.newUser("owner");
        Session[] authors = {owner, Gql.newUser("a1"), Gql.newUser("a2"), Gql.newUser("a3")};
        String ws = workspace(owner);
        for (int i = 1; i < authors.length; i++) {
            addMember(owner, ws, authors[i], "EDITOR");
        }
        for (int i = 0; i < 50; i++) {
            String id = create(authors[i % authors.length], ws, "Doc " + i, "body", "tags", List.of("t" + (i % 3), "all")).getString("data.createDocument.id");
            for (int c = 0; c < i % 3; c++) {
                call(owner.accessToken(), "mutation($d: ID!) { addComment(documentId: $d, body: \"note\") { id } }", "d", id);
            }
        }

        long five = statementsFor(owner, ws, 5);
        long fifty = statementsFor(owner, ws, 50);
        assertEquals(five, fifty, "statements must not grow with the page size");
        assertTrue(fifty >= 2, "statistics must be counting (quarkus.hibernate-orm.statistics in %test); was " + fifty);
        assertTrue(fifty <= 4, "the caller's role, the page, the comment counts; was " + fifty);
    }

    private long statementsFor(Session user, String ws, int first) {
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.clear();
        JsonPath r = call(user.accessToken(), PAGE, "w", ws, "first", first);
        long count = stats.getPrepareStatementCount();
        List<Object> edges = r.getList("data.documents.edges");
        assertEquals(first, edges.size());
        assertEquals(2, r.getList("data.documents.edges[0].node.tags").size());
        List<Integer> counts = r.getList("data.documents.edges.node.commentCount");
        for (int i = 0; i < first; i++) {
            assertEquals(i % 3, counts.get(i), "comment count of document " + i);
        }
        return count;
    }

    @Test
    void cursorsWalkEveryDocumentOnceAndPageSizesAreBounded() {
        Session owner = Gql.newUser("walker");
        String ws = workspace(owner);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(owner, ws, "D" + i, "").getString("data.createDocument.id"));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more;
        do {
            JsonPath r = call(owner.accessToken(), PAGE, "w", ws, "first", 3, "after", after);
            seen.addAll(r.getList("data.documents.edges.node.id"));
            more = r.getBoolean("data.documents.pageInfo.hasNextPage");
            after = r.getString("data.documents.pageInfo.endCursor");
        } while (more);
        assertEquals(7, seen.size());
        assertEquals(created, new HashSet<>(seen));
        assertFalse(after.matches(".*[0-9a-f]{8}-[0-9a-f]{4}.*"), "cursor is opaque");
        assertEquals("BAD_USER_INPUT", Gql.errorCode(call(owner.accessToken(), PAGE, "w", ws, "first", 101)));
        assertEquals("BAD_USER_INPUT", Gql.errorCode(call(owner.accessToken(), PAGE, "w", ws, "first", 0)));
    }
}

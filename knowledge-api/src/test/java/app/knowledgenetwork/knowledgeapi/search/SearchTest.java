package app.knowledgenetwork.knowledgeapi.search;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.common.search.DocumentIndexEntry;
import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;

/**
 * searchDocuments against real OpenSearch and PostgreSQL. The test plays search-indexer: it writes index entries in
 * the contract's format (common's DocumentIndex / DocumentIndexEntry) for documents it made through the API.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchTest {
    static final String SEARCH = """
            query($w: ID!, $q: String!, $first: Int, $after: String, $status: DocumentStatus) {
              searchDocuments(workspaceId: $w, query: $q, first: $first, after: $after, status: $status) {
                edges { cursor score highlights { title content } node { id title revision status } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    private static final String READ = "query($id: ID!) { document(id: $id) { id workspaceId title content tags status revision updatedAt author { id } } }";

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;

    /** Runs first: until search-indexer has created it, there is no index, and that is no error. */
    @Test
    @Order(1)
    void aMissingIndexGivesAnEmptyResult() throws IOException {
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        if (client.indices().exists(r -> r.index(index.index())).value()) {
            client.indices().delete(r -> r.index(index.index()));
        }
        Session owner = Gql.newUser("early");
        String ws = DocumentTest.workspace(owner);
        DocumentTest.createId(owner, ws, "Anything", "nothing is indexed yet");

        JsonPath r = search(owner, ws, "anything");
        assertNull(r.get("errors"), r.prettify());
        assertEquals(List.of(), r.getList("data.searchDocuments.edges"));
        assertFalse(r.getBoolean("data.searchDocuments.pageInfo.hasNextPage"));
        assertNull(r.get("data.searchDocuments.pageInfo.endCursor"));
    }

    @Test
    void aTitleMatchRanksAboveAContentMatchWithHighlights() throws IOException {
        Session owner = Gql.newUser("ranker");
        String ws = DocumentTest.workspace(owner);
        String inTitle = DocumentTest.createId(owner, ws, "Graph theory", "Vertices and edges, nothing else.");
        String inContent = DocumentTest.createId(owner, ws, "Cooking notes", "Bake <b>bread</b> & plot a graph of the rising dough.");
        String unrelated = DocumentTest.createId(owner, ws, "Gardening", "Roses and tulips.");
        indexed(owner, inTitle, inContent, unrelated);

        JsonPath r = until(() -> search(owner, ws, "graph"), p -> edges(p).size() == 2);
        assertEquals(List.of(inTitle, inContent), ids(r), "title match first, the unrelated one not at all: " + r.prettify());
        List<Float> scores = r.getList("data.searchDocuments.edges.score", Float.class);
        assertTrue(scores.get(0) > scores.get(1), r.prettify());
        assertEquals("<em>Graph</em> theory", r.getString("data.searchDocuments.edges[0].highlights.title"));
        assertNull(r.get("data.searchDocuments.edges[1].highlights.title"), "the title of the second does not match");
        String fragment = r.getString("data.searchDocuments.edges[1].highlights.content[0]");
        assertTrue(fragment.contains("<em>graph</em>"), fragment);
        assertTrue(fragment.contains("&lt;b&gt;bread&lt;&#x2F;b&gt;") || fragment.contains("&lt;b&gt;bread&lt;/b&gt;"), "HTML escaped: " + fragment);
        assertTrue(fragment.contains("&amp;"), fragment);
        assertFalse(fragment.contains("<b>"), fragment);
        assertEquals("Cooking notes", r.getString("data.searchDocuments.edges[1].node.title"), "the node comes from PostgreSQL");
        assertEquals(List.of(), r.getList("data.searchDocuments.edges[0].highlights.content"));
    }

    @Test
    void pagingWithCursorsVisitsEveryResultOnceInRelevanceOrder() throws IOException {
        Session owner = Gql.newUser("pager");
        String ws = DocumentTest.workspace(owner);
        List<String> all = new ArrayList<>();
        // Equal scores (same text) need the id tie-breaker; different ones the score order.
        for (int i = 0; i < 5; i++) {
            all.add(DocumentTest.createId(owner, ws, "Note " + i, "The zebra crossing."));
        }
        all.add(DocumentTest.createId(owner, ws, "Zebra", "A zebra, zebra, zebra."));
        all.add(DocumentTest.createId(owner, ws, "Stripes", "Zebra zebra stripes."));
        indexed(owner, all.toArray(String[]::new));
        until(() -> search(owner, ws, "zebra", "first", 50), p -> edges(p).size() == all.size());

        List<String> seen = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            JsonPath page = search(owner, ws, "zebra", "first", 3, "after", after);
            assertNull(page.get("errors"), page.prettify());
            seen.addAll(ids(page));
            scores.addAll(page.getList("data.searchDocuments.edges.score", Float.class));
            assertEquals(page.getString("data.searchDocuments.edges[-1].cursor"), page.getString("data.searchDocuments.pageInfo.endCursor"));
            more = page.getBoolean("data.searchDocuments.pageInfo.hasNextPage");
            after = page.getString("data.searchDocuments.pageInfo.endCursor");
            assertTrue(++pages <= 3, "3 pages of at most 3 hold 7 results");
        }
        assertEquals(3, pages);
        assertEquals(all.size(), seen.size(), "no duplicates: " + seen);
        assertEquals(Set.copyOf(all), Set.copyOf(seen), "no gaps");
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "relevance order across pages: " + scores);
        }
        assertEquals(seen, ids(search(owner, ws, "zebra", "first", 50)), "the pages in a row are the one big page");
    }

    @Test
    void aNonMemberGetsNotFoundLikeForAMissingWorkspaceAndAViewerMaySearch() throws IOException {
        Session owner = Gql.newUser("keeper");
        Session viewer = Gql.newUser("reader");
        Session stranger = Gql.newUser("outsider");
        String ws = DocumentTest.workspace(owner);
        DocumentTest.addMember(owner, ws, viewer, "VIEWER");
        indexed(owner, DocumentTest.createId(owner, ws, "Secret plans", "Nobody else may read this."));

        assertEquals(1, edges(until(() -> search(viewer, ws, "secret"), p -> edges(p).size() == 1)).size());
        JsonPath hidden = search(stranger, ws, "secret");
        assertEquals("NOT_FOUND", errorCode(hidden), hidden.prettify());
        JsonPath missing = search(stranger, java.util.UUID.randomUUID().toString(), "secret");
        assertEquals("NOT_FOUND", errorCode(missing));
        assertEquals(missing.getString("errors[0].message"), hidden.getString("errors[0].message"));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, SEARCH, "w", ws, "q", "secret")));
    }

    @Test
    void archivedAndTrashedDocumentsAreLeftOutByDefault() throws IOException {
        Session owner = Gql.newUser("tidy");
        String ws = DocumentTest.workspace(owner);
        String active = DocumentTest.createId(owner, ws, "Quokka one", "Active quokka.");
        String archived = DocumentTest.createId(owner, ws, "Quokka two", "Archived quokka.");
        String trashed = DocumentTest.createId(owner, ws, "Quokka three", "Trashed quokka.");
        String trashedLater = DocumentTest.createId(owner, ws, "Quokka four", "Trashed after it was indexed.");
        indexed(owner, trashedLater);
        assertNull(call(owner.accessToken(), "mutation($id: ID!) { archiveDocument(id: $id) { status } }", "id", archived).get("errors"));
        assertNull(call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", trashed).get("errors"));
        assertNull(call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", trashedLater).get("errors"));
        indexed(owner, active, archived, trashed);
        // trashedLater is still ACTIVE in the index (search-indexer has not caught up): PostgreSQL has the last word.

        assertEquals(List.of(active), ids(until(() -> search(owner, ws, "quokka"), p -> !edges(p).isEmpty())));
        assertEquals(List.of(archived), ids(search(owner, ws, "quokka", "status", "ARCHIVED")));
        assertEquals(List.of(trashed), ids(search(owner, ws, "quokka", "status", "TRASHED")));
    }

    @Test
    void staleHitsAreLeftOutAndThePageIsStillFilled() throws IOException {
        Session owner = Gql.newUser("lagging");
        String ws = DocumentTest.workspace(owner);
        String elsewhere = DocumentTest.workspace(owner);
        String purged = DocumentTest.createId(owner, ws, "Platypus", "Platypus platypus platypus.");
        String moved = DocumentTest.createId(owner, elsewhere, "Platypus facts", "About the platypus.");
        String live = DocumentTest.createId(owner, ws, "Mammals", "The platypus lays eggs.");
        indexed(owner, purged, live);
        // An entry that still names this workspace for a document that is in another one now.
        index(entry(owner, moved, Map.of("workspaceId", ws)));
        refresh();
        // The moved one is left out already: PostgreSQL has it in the other workspace.
        assertEquals(List.of(purged, live), ids(until(() -> search(owner, ws, "platypus"), p -> edges(p).size() == 2)));
        assertNull(call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", purged).get("errors"));
        assertNull(call(owner.accessToken(), "mutation($id: ID!) { purgeDocument(id: $id) }", "id", purged).get("errors"));
        // Still ranked above the live document in the index, which is not told of the purge.

        JsonPath r = search(owner, ws, "platypus", "first", 1);
        assertNull(r.get("errors"), r.prettify());
        assertEquals(List.of(live), ids(r), "the stale hits are dropped and the page filled from further hits: " + r.prettify());
        assertFalse(r.getBoolean("data.searchDocuments.pageInfo.hasNextPage"), r.prettify());
        assertEquals(List.of(live), ids(search(owner, ws, "platypus")));
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        Session owner = Gql.newUser("careless");
        String ws = DocumentTest.workspace(owner);
        String listCursor = call(owner.accessToken(), "query($w: ID!) { documents(workspaceId: $w) { pageInfo { endCursor } } }", "w", ws)
                .getString("data.documents.pageInfo.endCursor");
        DocumentTest.createId(owner, ws, "One", "");
        String documentsCursor = call(owner.accessToken(), "query($w: ID!) { documents(workspaceId: $w) { edges { cursor } } }", "w", ws)
                .getString("data.documents.edges[0].cursor");
        assertNull(listCursor);
        Object[][] cases = {
                {"query: must not be blank", new Object[]{"q", "   "}},
                {"query: at most 500 characters", new Object[]{"q", "x".repeat(501)}},
                {"first: must be between 1 and 50", new Object[]{"q", "x", "first", 0}},
                {"first: must be between 1 and 50", new Object[]{"q", "x", "first", 51}},
                {"after: not a cursor", new Object[]{"q", "x", "after", "not-a-cursor"}},
                {"after: not a cursor", new Object[]{"q", "x", "after", documentsCursor}},
        };
        for (Object[] c : cases) {
            Object[] vars = (Object[]) c[1];
            Object[] all = new Object[vars.length + 2];
            all[0] = "w";
            all[1] = ws;
            System.arraycopy(vars, 0, all, 2, vars.length);
            JsonPath r = call(owner.accessToken(), SEARCH, all);
            assertEquals("BAD_USER_INPUT", errorCode(r), r.prettify());
            assertTrue(r.getString("errors[0].message").startsWith((String) c[0]), r.prettify());
        }
        assertNull(search(owner, ws, "x".repeat(500)).get("errors"), "500 characters are fine");
    }

    @Test
    void searchesAreCountedAndTimed() throws IOException {
        Session owner = Gql.newUser("counted");
        String ws = DocumentTest.workspace(owner);
        indexed(owner, DocumentTest.createId(owner, ws, "Narwhal", "A tusked whale."));
        until(() -> search(owner, ws, "narwhal"), p -> edges(p).size() == 1);

        double hits = metric("kn_search_queries_total", "result=\"hits\"");
        double empty = metric("kn_search_queries_total", "result=\"empty\"");
        double timed = metric("kn_search_latency_seconds_count");
        assertEquals(1, edges(search(owner, ws, "narwhal")).size());
        assertEquals(0, edges(search(owner, ws, "xylophone")).size());
        assertEquals("BAD_USER_INPUT", errorCode(search(owner, ws, " ")), "refused before it is a search");
        assertEquals(hits + 1, metric("kn_search_queries_total", "result=\"hits\""));
        assertEquals(empty + 1, metric("kn_search_queries_total", "result=\"empty\""));
        assertEquals(timed + 2, metric("kn_search_latency_seconds_count"));
        String body = RestAssured.get(ManagementInterface.url("/q/metrics")).asString();
        assertTrue(body.contains("kn_search_latency_seconds_bucket"), "a percentile histogram");
        assertTrue(body.contains("kn_search_queries_total{result=\"failed\"}"), "the failed series exists from the start");
    }

    // --- helpers

    static JsonPath search(Session user, String ws, String query, Object... more) {
        Object[] vars = new Object[more.length + 4];
        vars[0] = "w";
        vars[1] = ws;
        vars[2] = "q";
        vars[3] = query;
        System.arraycopy(more, 0, vars, 4, more.length);
        return call(user.accessToken(), SEARCH, vars);
    }

    static List<Object> edges(JsonPath r) {
        List<Object> edges = r.getList("data.searchDocuments.edges");
        return edges == null ? List.of() : edges;
    }

    static List<String> ids(JsonPath r) {
        return r.getList("data.searchDocuments.edges.node.id", String.class);
    }

    /** Issue 14: English stemming locally as in production (bin/dev-services adds the analysis-common module). */
    @Test
    void wordsMatchTheirOtherFormsAsInProduction() throws IOException {
        Session owner = Gql.newUser("stemmer");
        String ws = DocumentTest.workspace(owner);
        String doc = DocumentTest.createId(owner, ws, "Running documents", "How the team runs its documentation.");
        indexed(owner, doc);
        JsonPath r = until(() -> search(owner, ws, "documented runs"), p -> edges(p).size() == 1);
        assertEquals(List.of(doc), ids(r));
        assertEquals("<em>Running</em> <em>documents</em>", r.getString("data.searchDocuments.edges[0].highlights.title"));
    }

    /**
     * Issue 14: a word found as typed is taken as meant (searching "graph" does not offer "Grape"); a word found nowhere
     * is corrected, and what it was corrected to is marked; typos are tolerated by the word's length
     * (DocumentSearch.FUZZINESS, WordsToCorrect).
     */
    @Test
    void aWordFoundAsTypedIsTakenAsMeantAndTyposAreToleratedByWordLength() throws IOException {
        Session owner = Gql.newUser("typos");
        String ws = DocumentTest.workspace(owner);
        String grape = DocumentTest.createId(owner, ws, "Grape harvest", "Notes from the field.");
        String graph = DocumentTest.createId(owner, ws, "Graph layouts", "Notes from the field.");
        String algorithm = DocumentTest.createId(owner, ws, "Algorithm notes", "Sorting.");
        String quantum = DocumentTest.createId(owner, ws, "Quantum notes", "Qubits.");
        indexed(owner, grape, graph, algorithm, quantum);

        JsonPath r = until(() -> search(owner, ws, "graph"), p -> !edges(p).isEmpty());
        assertEquals(List.of(graph), ids(r), "'grape' is one edit away, but 'graph' was meant: " + r.prettify());
        assertEquals("<em>Graph</em> layouts", r.getString("data.searchDocuments.edges[0].highlights.title"));

        JsonPath corrected = search(owner, ws, "grap");
        assertEquals(Set.of(graph, grape), Set.copyOf(ids(corrected)), "a word in no document is corrected: " + corrected.prettify());
        assertEquals(Set.of("<em>Graph</em> layouts", "<em>Grape</em> harvest"),
                Set.copyOf(corrected.getList("data.searchDocuments.edges.highlights.title", String.class)), "what it was corrected to is marked");

        assertEquals(List.of(algorithm), ids(search(owner, ws, "alogritm")), "two typos in a word of 8 letters");
        assertEquals(List.of(quantum), ids(search(owner, ws, "quantm")), "one typo in a word of 6");
        assertEquals(List.of(), ids(search(owner, ws, "qauntm")), "but not two");
    }

    /**
     * Issue 14: whether a word is found as typed is asked of the documents the search may return, not of the whole index:
     * a misspelling in someone else's private workspace neither stops the caller's typo from being corrected nor tells
     * the caller it exists.
     */
    @Test
    void aWordIsCorrectedWhenOnlyDocumentsTheCallerCannotReadHoldItAsTyped() throws IOException {
        Session other = Gql.newUser("typosother");
        String theirs = DocumentTest.workspace(other);
        String misspelt = DocumentTest.createId(other, theirs, "Quantm computing", "Their notes.");
        Session owner = Gql.newUser("typosowner");
        String ws = DocumentTest.workspace(owner);
        String quantum = DocumentTest.createId(owner, ws, "Quantum computing", "Qubits.");
        indexed(other, misspelt);
        indexed(owner, quantum);

        assertEquals(List.of(misspelt), ids(until(() -> search(other, theirs, "quantm"), p -> !edges(p).isEmpty())),
                "in their workspace the word is found as typed");
        JsonPath r = search(owner, ws, "quantm");
        assertEquals(List.of(quantum), ids(r), "for the caller it is in no document, so it is corrected: " + r.prettify());
    }

    /**
     * Issue 14: a typo in a word the English stemmer shortens is corrected too. "deploymnt" is one edit from "deployment",
     * three from its stem "deploy": on the English fields alone it found nothing (DocumentIndex.TYPO_FIELDS). A passage with
     * a word found by its stem and one found by a correction has both marked.
     */
    @Test
    void typosInWordsTheStemmerShortensAreCorrectedToo() throws IOException {
        Session owner = Gql.newUser("stemmedtypos");
        String ws = DocumentTest.workspace(owner);
        String runbook = DocumentTest.createId(owner, ws, "Deployment runbook", "Steps before a release.");
        String settings = DocumentTest.createId(owner, ws, "Settings", "Running jobs read the configuration.");
        indexed(owner, runbook, settings);

        JsonPath r = until(() -> search(owner, ws, "deploymnt"), p -> edges(p).size() == 1);
        assertEquals(List.of(runbook), ids(r), r.prettify());
        assertEquals("<em>Deployment</em> runbook", r.getString("data.searchDocuments.edges[0].highlights.title"));

        JsonPath content = search(owner, ws, "configuraton");
        assertEquals(List.of(settings), ids(content), content.prettify());
        assertEquals(List.of("Running jobs read the <em>configuration</em>."), content.getList("data.searchDocuments.edges[0].highlights.content"));

        JsonPath both = search(owner, ws, "runs configuraton");
        assertEquals(List.of(settings), ids(both), both.prettify());
        assertEquals(List.of("<em>Running</em> jobs read the <em>configuration</em>."), both.getList("data.searchDocuments.edges[0].highlights.content"),
                "'runs' found by its stem, 'configuraton' by a correction, in one passage: " + both.prettify());
    }

    /**
     * Issue 14: the search box's syntax of web search engines, as Outline's (PostgreSQL's websearch_to_tsquery): a quoted
     * phrase must appear, its words in that order; a word or phrase after a minus rules a document out; excluded words alone
     * are refused, not answered with everything else.
     */
    @Test
    void quotedPhrasesMustAppearAndExcludedWordsRuleDocumentsOut() throws IOException {
        Session owner = Gql.newUser("phrases");
        String ws = DocumentTest.workspace(owner);
        String train = DocumentTest.createId(owner, ws, "Release train", "It leaves every Monday.");
        String reversed = DocumentTest.createId(owner, ws, "Train release notes", "Notes on the old station.");
        String draft = DocumentTest.createId(owner, ws, "Release train draft", "Drafts, not yet read.");
        indexed(owner, train, reversed, draft);

        JsonPath words = until(() -> search(owner, ws, "release train"), p -> edges(p).size() == 3);
        assertEquals(Set.of(train, reversed, draft), Set.copyOf(ids(words)), "free words, any order: " + words.prettify());

        JsonPath phrase = search(owner, ws, "\"release trains\"");
        assertEquals(Set.of(train, draft), Set.copyOf(ids(phrase)), "the phrase in its other forms, in its order: " + phrase.prettify());
        assertEquals("<em>Release</em> <em>train</em>", phrase.getString("data.searchDocuments.edges.find { it.node.id == '" + train + "' }.highlights.title"));

        assertEquals(List.of(train), ids(search(owner, ws, "\"release train\" -draft")), "-draft rules out 'draft' and 'Drafts'");
        assertEquals(List.of(reversed), ids(search(owner, ws, "release -\"release train\"")), "an excluded phrase");

        JsonPath suggested = call(owner.accessToken(), SUGGEST, "p", "release -dr");
        assertEquals(Set.of("Release train", "Train release notes", "Release train draft"), Set.copyOf(suggested.getList("data.suggestDocumentTitles.title")),
                "suggestions complete what is looked for, not the word being excluded: " + suggested.prettify());

        JsonPath nothing = search(owner, ws, "-draft");
        assertEquals("BAD_USER_INPUT", errorCode(nothing), nothing.prettify());
        assertTrue(nothing.getString("errors[0].message").contains("only excluded words"), nothing.prettify());
    }

    static final String SEARCH_ALL = """
            query($q: String!, $f: SearchFilter) {
              searchDocuments(query: $q, filter: $f) {
                totalCount
                facets { workspaces { value label count } tags { value count } authors { value label count } }
                edges { node { id } }
              }
            }""";
    static final String SUGGEST = "query($p: String!) { suggestDocumentTitles(prefix: $p) { documentId title highlightedTitle } }";

    /** Issue 14: search across the caller's workspaces, with typos, filters, facets and suggestions, never past what the caller may read. */
    @Test
    void searchSpansOnlyTheCallersWorkspacesWithTyposFiltersFacetsAndSuggestions() throws IOException {
        Session alice = Gql.newUser("alice");
        Session bob = Gql.newUser("bob");
        String shared = DocumentTest.workspace(alice);
        DocumentTest.addMember(alice, shared, bob, "VIEWER");
        String hers = DocumentTest.workspace(alice);
        String his = DocumentTest.workspace(bob);
        String walks = created(alice, shared, "Quantum walks", "Notes on quantum walks.", List.of("physics"));
        String secrets = created(alice, hers, "Quantum secrets", "Private quantum notes.", List.of("physics", "private"));
        String diary = created(bob, his, "Quantum diary", "A quantum diary.", List.of());
        String trash = created(alice, shared, "Quantum trash", "Thrown away quantum notes.", List.of("physics"));
        assertNull(call(alice.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", trash).get("errors"));
        indexed(alice, walks, secrets, trash);
        indexed(bob, diary);

        JsonPath a = until(() -> call(alice.accessToken(), SEARCH_ALL, "q", "quantum"), p -> p.getList("data.searchDocuments.edges").size() == 2);
        assertEquals(Set.of(walks, secrets), Set.copyOf(a.getList("data.searchDocuments.edges.node.id")), a.prettify());
        assertEquals(2, a.getInt("data.searchDocuments.totalCount"));
        assertEquals(Map.of(shared, 1, hers, 1), facet(a, "workspaces"));
        assertEquals(Map.of("physics", 2, "private", 1), facet(a, "tags"), "the trashed document is counted nowhere");
        assertEquals(Map.of(alice.userId(), 2), facet(a, "authors"));
        assertEquals("alice", a.getString("data.searchDocuments.facets.authors[0].label"));

        JsonPath b = call(bob.accessToken(), SEARCH_ALL, "q", "quantum");
        assertEquals(Set.of(walks, diary), Set.copyOf(b.getList("data.searchDocuments.edges.node.id")), b.prettify());
        assertEquals(Map.of(shared, 1, his, 1), facet(b, "workspaces"));
        assertEquals(Map.of("physics", 1), facet(b, "tags"), "nothing of alice's private workspace, not even a tag count");

        // A typo still finds; filters narrow; a workspace that is not yours is NOT_FOUND.
        assertEquals(Set.of(walks, secrets), Set.copyOf(call(alice.accessToken(), SEARCH_ALL, "q", "quantm").getList("data.searchDocuments.edges.node.id")));
        assertEquals(List.of(secrets), call(alice.accessToken(), SEARCH_ALL, "q", "quantum", "f", Map.of("tags", List.of("Private"))).getList("data.searchDocuments.edges.node.id"));
        assertEquals(List.of(walks), call(alice.accessToken(), SEARCH_ALL, "q", "quantum", "f", Map.of("workspaceIds", List.of(shared))).getList("data.searchDocuments.edges.node.id"));
        assertEquals(List.of(), call(alice.accessToken(), SEARCH_ALL, "q", "quantum", "f", Map.of("updatedAfter", "2999-01-01T00:00:00Z")).getList("data.searchDocuments.edges"));
        assertEquals("NOT_FOUND", errorCode(call(bob.accessToken(), SEARCH_ALL, "q", "quantum", "f", Map.of("workspaceIds", List.of(hers)))));

        assertEquals(Set.of("Quantum walks", "Quantum secrets"), Set.copyOf(call(alice.accessToken(), SUGGEST, "p", "quan").getList("data.suggestDocumentTitles.title")));
        JsonPath suggested = call(bob.accessToken(), SUGGEST, "p", "walks quan");
        assertEquals(List.of(walks), suggested.getList("data.suggestDocumentTitles.documentId"), suggested.prettify());
        assertEquals("<em>Quantum</em> <em>walks</em>", suggested.getString("data.suggestDocumentTitles[0].highlightedTitle"));

        // Removed a moment ago: bob finds, counts and is suggested nothing of the shared workspace any more.
        assertNull(call(alice.accessToken(), "mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }", "w", shared, "u", bob.userId()).get("errors"));
        JsonPath after = call(bob.accessToken(), SEARCH_ALL, "q", "quantum");
        assertEquals(List.of(diary), after.getList("data.searchDocuments.edges.node.id"), after.prettify());
        assertEquals(1, after.getInt("data.searchDocuments.totalCount"));
        assertEquals(Map.of(his, 1), facet(after, "workspaces"));
        assertEquals(List.of("Quantum diary"), call(bob.accessToken(), SUGGEST, "p", "quan").getList("data.suggestDocumentTitles.title"));
    }

    /**
     * Issue 14: past kn.search.total-count.exact-up-to matches (5 in tests, 1,000 in production) the total is a lower
     * bound, said so; with facets selected (which visit every match anyway) it stays exact.
     */
    @Test
    void theTotalIsExactUpToTheBoundAndSaysAtLeastBeyondIt() throws IOException {
        Session owner = Gql.newUser("counter");
        String ws = DocumentTest.workspace(owner);
        List<String> walruses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            walruses.add(DocumentTest.createId(owner, ws, "Walrus " + i, "A walrus on the ice."));
        }
        String seal = DocumentTest.createId(owner, ws, "Seal", "A seal, a walrus nearby.");
        String other = DocumentTest.createId(owner, ws, "Penguin", "Not here.");
        List<String> all = new ArrayList<>(walruses);
        all.add(seal);
        all.add(other);
        indexed(owner, all.toArray(String[]::new));
        String counted = "query($q: String!) { searchDocuments(query: $q, first: 2) { totalCount totalCountIsLowerBound edges { node { id } } } }";

        JsonPath many = call(owner.accessToken(), counted, "q", "walrus");
        assertNull(many.get("errors"), many.prettify());
        assertEquals(5, many.getInt("data.searchDocuments.totalCount"), many.prettify());
        assertTrue(many.getBoolean("data.searchDocuments.totalCountIsLowerBound"), "8 match: '5+', " + many.prettify());
        assertEquals(2, many.getList("data.searchDocuments.edges").size());

        JsonPath faceted = call(owner.accessToken(), SEARCH_ALL.replace("totalCount", "totalCount totalCountIsLowerBound"), "q", "walrus");
        assertEquals(8, faceted.getInt("data.searchDocuments.totalCount"), faceted.prettify());
        assertFalse(faceted.getBoolean("data.searchDocuments.totalCountIsLowerBound"));
        assertEquals(Map.of(ws, 8), facet(faceted, "workspaces"));

        JsonPath few = call(owner.accessToken(), counted, "q", "penguin");
        assertEquals(1, few.getInt("data.searchDocuments.totalCount"), few.prettify());
        assertFalse(few.getBoolean("data.searchDocuments.totalCountIsLowerBound"));
    }

    /**
     * Issue 14: a prefix that runs past a word's stem still suggests it. The English title field has "Documentation" as
     * "document" and "Running" as "run": "documenta" or "runni" begin neither stem. DocumentIndex.TITLE_SUGGEST has the
     * words' own beginnings.
     */
    @Test
    void suggestionsCompleteAPrefixThatRunsPastTheStem() throws IOException {
        Session owner = Gql.newUser("typist");
        String ws = DocumentTest.workspace(owner);
        String docs = created(owner, ws, "Documentation guidelines", "How we write.", List.of());
        String running = created(owner, ws, "Running the Café", "Opening hours.", List.of());
        String signing = created(owner, ws, "Documents to sign", "Contracts.", List.of());
        indexed(owner, docs, running, signing);
        assertEquals(Set.of(docs, signing), Set.copyOf(call(owner.accessToken(), SUGGEST, "p", "docu").getList("data.suggestDocumentTitles.documentId")));

        JsonPath r = call(owner.accessToken(), SUGGEST, "p", "documenta");
        assertEquals(List.of(docs), r.getList("data.suggestDocumentTitles.documentId"), r.prettify());
        assertEquals("<em>Documentation</em> guidelines", r.getString("data.suggestDocumentTitles[0].highlightedTitle"));
        assertEquals(List.of(docs), call(owner.accessToken(), SUGGEST, "p", "guide documentat").getList("data.suggestDocumentTitles.documentId"));
        assertEquals(List.of(docs), call(owner.accessToken(), SUGGEST, "p", "Documentation").getList("data.suggestDocumentTitles.documentId"),
                "the whole word typed out");
        JsonPath accented = call(owner.accessToken(), SUGGEST, "p", "runni cafe");
        assertEquals(List.of(running), accented.getList("data.suggestDocumentTitles.documentId"), accented.prettify());
        assertEquals("<em>Running</em> the <em>Café</em>", accented.getString("data.suggestDocumentTitles[0].highlightedTitle"));
        assertEquals(List.of(), call(owner.accessToken(), SUGGEST, "p", "documentaries").getList("data.suggestDocumentTitles"),
                "a prefix is not a word that only shares the beginning");
    }

    /**
     * Typed words are looked up as the title's indexed beginnings (edge n-grams up to DocumentIndex.MAX_PREFIX letters, one
     * term each); a longer typed word still finds its title, by a prefix query.
     */
    @Test
    void suggestionsCompleteWordsLongerThanTheIndexedBeginnings() throws IOException {
        Session owner = Gql.newUser("lexicographer");
        String ws = DocumentTest.workspace(owner);
        String lung = created(owner, ws, "Pneumonoultramicroscopicsilicovolcanoconiosis explained", "A word of 45 letters.", List.of());
        String other = created(owner, ws, "Pneumonia basics", "Shorter.", List.of());
        indexed(owner, lung, other);
        assertTrue(DocumentIndex.of(indexPrefix).titleBeginningsAreTerms(client), "this index has the beginnings as terms (edge n-grams)");

        assertEquals(Set.of(lung, other), Set.copyOf(call(owner.accessToken(), SUGGEST, "p", "pneum").getList("data.suggestDocumentTitles.documentId")));
        for (String typed : List.of("pneumonoultramicroscop", "Pneumonoultramicroscopicsilicovolcano", "explained pneumonoultramicroscopicsilicovolcanoconiosis")) {
            JsonPath r = call(owner.accessToken(), SUGGEST, "p", typed);
            assertEquals(List.of(lung), r.getList("data.suggestDocumentTitles.documentId"), typed + ": " + r.prettify());
        }
        assertEquals(List.of(), call(owner.accessToken(), SUGGEST, "p", "pneumonoultramicroscopicsilicovolcanoes").getList("data.suggestDocumentTitles"));
    }

    private static String created(Session user, String ws, String title, String content, List<String> tags) {
        JsonPath r = DocumentTest.create(user, ws, title, content, "tags", tags);
        assertNull(r.get("errors"), r.prettify());
        return r.getString("data.createDocument.id");
    }

    private static Map<String, Integer> facet(JsonPath result, String name) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        List<Map<String, Object>> values = result.getList("data.searchDocuments.facets." + name);
        values.forEach(v -> counts.put((String) v.get("value"), (Integer) v.get("count")));
        return counts;
    }

    /** Polls until the answer satisfies the condition (the index is near real time), or fails at the deadline. */
    static JsonPath until(java.util.function.Supplier<JsonPath> answer, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonPath last;
        do {
            last = answer.get();
            if (last.get("errors") == null && condition.test(last)) {
                return last;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within 10 s: " + last.prettify());
    }

    /** Indexes the documents as they are now, as search-indexer would, and refreshes the index. */
    private void indexed(Session reader, String... ids) throws IOException {
        for (String id : ids) {
            index(entry(reader, id, Map.of()));
        }
        refresh();
    }

    private DocumentIndexEntry entry(Session reader, String id, Map<String, String> overrides) {
        JsonPath d = call(reader.accessToken(), READ, "id", id);
        assertNull(d.get("errors"), d.prettify());
        return new DocumentIndexEntry(id, overrides.getOrDefault("workspaceId", d.getString("data.document.workspaceId")),
                d.getString("data.document.title"), d.getString("data.document.content"), d.getList("data.document.tags", String.class),
                d.getString("data.document.status"), d.getLong("data.document.revision"), d.getString("data.document.updatedAt"),
                d.getString("data.document.author.id"));
    }

    private void index(DocumentIndexEntry entry) throws IOException {
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        index.createIfMissing(client);
        client.index(i -> i.index(index.alias()).id(entry.id()).document(entry).version(entry.revision()).versionType(VersionType.External));
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(DocumentIndex.of(indexPrefix).alias()));
    }

}

package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.documents.DocumentStatus;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import app.knowledgenetwork.knowledgeapi.documents.DocumentViews;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.errors.SearchUnavailable;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import app.knowledgenetwork.knowledgeapi.search.DocumentSearchConnection.DocumentSearchEdge;
import app.knowledgenetwork.knowledgeapi.search.DocumentSearchConnection.SearchHighlights;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.MultiMatchQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.MultisearchBody;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.TotalHits;
import org.opensearch.client.opensearch.core.search.TotalHitsRelation;

/**
 * Full-text search of the caller's documents (one workspace, some or all of theirs) in OpenSearch (the index search-indexer fills, see common's
 * {@link DocumentIndex}), answered with the documents as PostgreSQL has them now.
 *
 * <p>Only the caller's workspaces are ever asked for — read from PostgreSQL on every search, so a member removed a
 * moment ago finds nothing more — and the facets and total come from that same filtered query. Words match in their
 * other forms (stemmed) and, when found nowhere in the search's scope as typed ({@link WordsToCorrect}), with typos
 * ({@link #FUZZINESS}: none under 4 letters, one edit from 4, two from 8, on the words as written); title above content.
 *
 * <p>The index lags the database: a hit whose document is gone, has moved to another workspace or no longer has
 * the requested status is left out. Nodes are loaded for a whole page in one statement. Paging is keyset on the
 * sort (_score desc, id asc) with search_after; when hits are left out, up to {@link #MAX_ROUNDS} further rounds
 * fill the page.
 *
 * <p>The total is exact up to {@link SearchCountConfig#exactUpTo()} matches and a lower bound beyond, unless the facets
 * are asked for: their aggregations visit every match anyway, so the count then costs nothing more and stays exact.
 */
@ApplicationScoped
@Startup // the settings are checked at start, not at the first search
public class DocumentSearch {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 50;
    static final int MAX_QUERY = 500;
    private static final int MAX_ROUNDS = 3;
    /** Passages of the content highlighted per hit. */
    private static final int CONTENT_FRAGMENTS = 3;
    /**
     * Typo tolerance: none for words under 4 letters, one edit from 4, two from 8 (Algolia's defaults). OpenSearch's AUTO
     * (two edits from 6 letters) builds far larger automata for the many 6-7 letter words, in the query and again in
     * every highlighted hit, and a short word within two edits of many others mostly adds noise.
     */
    static final String FUZZINESS = "AUTO:4,8";
    private static final Logger LOG = Logger.getLogger(DocumentSearch.class);

    private final OpenSearchClient client;
    private final EntityManager em;
    private final WorkspaceAccess access;
    private final DocumentIndex index;
    private final TitleBeginnings titleBeginnings;
    private final Timer latency;
    private final Counter hits;
    private final Counter empty;
    private final Counter failed;
    private final int exactCountUpTo;

    public DocumentSearch(OpenSearchClient client, EntityManager em, WorkspaceAccess access, MeterRegistry meters, SearchCountConfig count,
                          @ConfigProperty(name = "kn.opensearch.index-prefix") String indexPrefix) {
        if (count.exactUpTo() < 1) {
            throw new IllegalStateException("kn.search.total-count.exact-up-to must be at least 1, not " + count.exactUpTo());
        }
        this.exactCountUpTo = count.exactUpTo();
        this.client = client;
        this.em = em;
        this.access = access;
        this.index = DocumentIndex.of(indexPrefix);
        this.titleBeginnings = new TitleBeginnings(client, index);
        // Registered up front, so every series exists (at 0) before the first search.
        this.hits = meters.counter("kn.search.queries", "result", "hits");
        this.empty = meters.counter("kn.search.queries", "result", "empty");
        this.failed = meters.counter("kn.search.queries", "result", "failed");
        this.latency = Timer.builder("kn.search.latency").description("Time to answer a searchDocuments query, OpenSearch and PostgreSQL included")
                .publishPercentileHistogram().register(meters);
    }

    /** Where one search or suggestion looks: the caller's workspaces it may look in, and the filters. */
    record Scope(Set<UUID> workspaces, DocumentStatus status, List<String> tags, List<String> authorIds, Instant updatedAfter) {
    }

    /**
     * A page of results. {@code workspaceId} (one workspace, as before filters existed) and {@code filter.workspaceIds}
     * both narrow to workspaces the caller is a member of; without either, all of the caller's.
     */
    public DocumentSearchConnection search(UUID caller, UUID workspaceId, SearchFilter filter, String query, DocumentStatus status,
                                           Integer first, String after) {
        return search(caller, workspaceId, filter, query, status, first, after, SearchParts.ALL);
    }

    /** As above, computing only {@code parts}: the total, the facets and the highlights left out are 0, empty and null. */
    public DocumentSearchConnection search(UUID caller, UUID workspaceId, SearchFilter filter, String query, DocumentStatus status,
                                           Integer first, String after, SearchParts parts) {
        SearchText text = SearchText.parse(validQuery(query));
        if (!text.looksForSomething()) {
            throw new BadUserInput("query: only excluded words (after a minus); add a word or a \"phrase\" to look for");
        }
        int size = Cursor.pageSize(first, DEFAULT_PAGE, MAX_PAGE);
        SearchCursor from = SearchCursor.decode(after);
        Scope scope = scope(caller, workspaceId, filter == null ? SearchFilter.NONE : filter, status == null ? DocumentStatus.ACTIVE : status);
        Timer.Sample sample = Timer.start();
        try {
            DocumentSearchConnection page = scope.workspaces().isEmpty() ? DocumentSearchConnection.empty() : page(scope, text, size, from, parts);
            (page.edges().isEmpty() ? empty : hits).increment();
            return page;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        } finally {
            sample.stop(latency);
        }
    }

    private Scope scope(UUID caller, UUID workspaceId, SearchFilter filter, DocumentStatus status) {
        Set<UUID> mine = SearchNodes.memberships(em, caller);
        Set<UUID> wanted = new LinkedHashSet<>();
        if (workspaceId != null) {
            wanted.add(workspaceId);
        }
        for (String id : filter.workspaceIds() == null ? List.<String>of() : filter.workspaceIds()) {
            wanted.add(Ids.parse(id, "Workspace"));
        }
        for (UUID id : wanted) {
            if (!mine.contains(id)) {
                throw new NotFound("Workspace not found");
            }
        }
        List<String> tags = filter.tags() == null ? List.of() : filter.tags().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> authors = filter.authorIds() == null ? List.of() : filter.authorIds().stream().map(a -> Ids.parse(a, "User").toString()).toList();
        return new Scope(wanted.isEmpty() ? mine : wanted, status, tags, authors, filter.updatedAfter());
    }

    private DocumentSearchConnection page(Scope scope, SearchText text, int size, SearchCursor from, SearchParts parts) {
        DocumentStatus wanted = scope.status();
        int total = 0;
        boolean totalIsLowerBound = false;
        SearchFacets facets = SearchFacets.NONE;
        List<DocumentSearchEdge> edges = new ArrayList<>();
        SearchCursor position = from;
        boolean consumed = false;
        boolean more = true;
        List<String> candidates = WordsToCorrect.candidates(text.words());
        String toCorrect = "";
        for (int round = 0; round < MAX_ROUNDS && more && edges.size() < size; round++) {
            int want = size - edges.size();
            SearchResponse<JsonData> response;
            if (round == 0) {
                // One request: the search as if every word were spelt right, and whether each word is found as typed. It
                // is the answer unless a word is found nowhere; then it is asked again with those words corrected.
                List<RequestItem> items = new ArrayList<>();
                items.add(item(hits(scope, text, "", position, want + 1, true, parts)));
                candidates.forEach(word -> items.add(WordsToCorrect.lookup(index.alias(), word, b -> filtered(b, scope))));
                List<MultiSearchResponseItem<JsonData>> answers = msearch(items);
                response = answer(answers.getFirst());
                toCorrect = response == null ? "" : WordsToCorrect.notFound(candidates, answers.subList(1, answers.size()));
                if (!toCorrect.isEmpty()) {
                    response = search(hits(scope, text, toCorrect, position, want + 1, true, parts));
                }
            } else {
                response = search(hits(scope, text, toCorrect, position, want + 1, false, parts));
            }
            if (response == null) {
                if (round == 0) {
                    return DocumentSearchConnection.empty();
                }
                more = false;
                break;
            }
            if (round == 0) {
                TotalHits counted = response.hits().total();
                total = (int) Math.min(Integer.MAX_VALUE, counted == null ? 0 : counted.value());
                totalIsLowerBound = counted != null && counted.relation() == TotalHitsRelation.Gte;
                facets = parts.facets() ? facets(response) : SearchFacets.NONE;
            }
            List<Hit<JsonData>> found = response.hits().hits();
            more = found.size() > want;
            List<Hit<JsonData>> page = found.subList(0, Math.min(want, found.size()));
            Map<UUID, DocumentView> documents = DocumentViews.byId(em, page.stream().map(h -> UUID.fromString(h.id())).toList());
            for (Hit<JsonData> hit : page) {
                position = new SearchCursor(sortScore(hit), UUID.fromString(hit.id()));
                consumed = true;
                DocumentView d = documents.get(position.id());
                if (d != null && scope.workspaces().contains(UUID.fromString(d.workspaceId())) && d.status() == wanted) {
                    edges.add(new DocumentSearchEdge(position.encode(), hit.score() == null ? position.score() : hit.score(), highlights(hit), d));
                }
            }
        }
        // Past the last edge when hits after it were left out: the next page need not look at them again.
        return new DocumentSearchConnection(edges, new PageInfo(more, consumed ? position.encode() : null), total, totalIsLowerBound, facets);
    }

    /**
     * The search for one round of hits after {@code position}, correcting the words of {@code toCorrect}. The first
     * round also counts the whole result and its facets.
     */
    private MultisearchBody hits(Scope scope, SearchText asked, String toCorrect, SearchCursor position, int size, boolean firstRound, SearchParts parts) {
        MultisearchBody.Builder request = new MultisearchBody.Builder()
                .query(q -> q.bool(b -> {
                    if (!asked.words().isEmpty()) {
                        // The English fields find a word's other forms ("runs" for "running"); the fields as written find what
                        // a misspelt word was meant to be, where the stemmer has not shortened it ("deploymnt" for "deployment",
                        // stemmed "deploy"), at a boost that falls with its edits.
                        b.should(s -> s.multiMatch(mm -> mm.query(asked.words()).fields(DocumentIndex.QUERY_FIELDS)));
                        if (!toCorrect.isEmpty()) {
                            b.should(s -> s.multiMatch(mm -> mm.query(toCorrect).fields(DocumentIndex.TYPO_FIELDS).fuzziness(FUZZINESS).prefixLength(1)));
                        }
                        b.minimumShouldMatch("1");
                    }
                    // Quoted phrases and excluded words match in their other forms too, never with typos: "release trains"
                    // finds "Release train", and -draft rules out "drafts".
                    asked.phrases().forEach(phrase -> b.must(m -> m.multiMatch(inOrder(phrase))));
                    asked.excluded().forEach(excluded -> b.mustNot(m -> m.multiMatch(inOrder(excluded))));
                    return filtered(b, scope);
                }))
                .sort(s -> s.score(o -> o.order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field(DocumentIndex.ID).order(SortOrder.Asc).unmappedType(FieldType.Keyword)))
                .size(size)
                // Counting stops at the bound, after which OpenSearch may skip the documents that cannot make the page
                // (block-max WAND); without a count it skips from the start. With facets every match is visited anyway.
                .trackTotalHits(t -> !firstRound || !parts.totalCount() ? t.enabled(false) : parts.facets() ? t.enabled(true) : t.count(exactCountUpTo));
        if (parts.highlights()) {
            // The highlighter reads title and content from each hit's _source. Asked for none, OpenSearch leaves it to the
            // highlighter to load, which took about 0.3 ms a hit (a third of a search's time in OpenSearch, bench/search
            // twelfth pass); asked for a small part of it, the fetch loads each hit's source once, quickly, and the
            // highlighter reads that.
            request.source(s -> s.filter(f -> f.includes(DocumentIndex.ID)));
            // Escape the text, keep only the <em> markers: fragments are safe to put into HTML.
            request.highlight(h -> {
                // Each field is marked with the query's clauses on that field only: with the default (any field's clauses),
                // every fuzzy word's automaton was built and run once more per field and per hit.
                h.encoder(HighlighterEncoder.Html).requireFieldMatch(true);
                // Both analyses of each field, joined into one by highlights(hit).
                if (parts.titleHighlights()) {
                    h.fields(DocumentIndex.TITLE, f -> f.numberOfFragments(0));
                    h.fields(DocumentIndex.TITLE_WORDS, f -> f.numberOfFragments(0));
                }
                if (parts.contentHighlights()) {
                    h.fields(DocumentIndex.CONTENT, f -> f.fragmentSize(150).numberOfFragments(CONTENT_FRAGMENTS));
                    h.fields(DocumentIndex.CONTENT_WORDS, f -> f.fragmentSize(150).numberOfFragments(CONTENT_FRAGMENTS));
                }
                return h;
            });
        } else {
            request.source(s -> s.fetch(false));
        }
        if (firstRound && parts.facets()) {
            request.aggregations(WORKSPACES, a -> a.terms(t -> t.field(DocumentIndex.WORKSPACE_ID).size(50)))
                    .aggregations(TAGS, a -> a.terms(t -> t.field(DocumentIndex.TAGS).size(20)))
                    .aggregations(AUTHORS, a -> a.terms(t -> t.field(DocumentIndex.AUTHOR_ID).size(20)));
        }
        if (position != null) {
            request.searchAfter(position.searchAfter());
        }
        return request.build();
    }

    private RequestItem item(MultisearchBody search) {
        return RequestItem.of(i -> i.header(h -> h.index(index.alias())).body(search));
    }

    /** One search on its own; null when the index does not exist. */
    private SearchResponse<JsonData> search(MultisearchBody search) {
        return answer(msearch(List.of(item(search))).getFirst());
    }

    private List<MultiSearchResponseItem<JsonData>> msearch(List<RequestItem> searches) {
        try {
            return client.msearch(m -> m.searches(searches), JsonData.class).responses();
        } catch (OpenSearchException e) {
            throw refused(e.status(), e.getMessage(), e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** One search's answer in an {@code _msearch}; null when the index does not exist (nothing indexed yet). */
    private static SearchResponse<JsonData> answer(MultiSearchResponseItem<JsonData> item) {
        if (item.isResult()) {
            return item.result();
        }
        ErrorResponse failure = item.failure();
        if (failure.status() == 404 && "index_not_found_exception".equals(failure.error().type())) {
            return null;
        }
        throw refused(failure.status(), failure.error().type() + ": " + failure.error().reason(), null);
    }

    /**
     * Titles that have a word beginning with each word of {@code prefix} (as typed: not stemmed, so "documenta" finds
     * "Documentation"), in the caller's workspaces (or one of them), active documents only: for a search box's suggestions,
     * answered from the index alone. The search box's syntax is read as {@link #search} reads it: quotes do not count, and
     * excluded words ({@code -draft}) are not completed.
     */
    public List<TitleSuggestion> suggest(UUID caller, UUID workspaceId, String prefix, Integer first) {
        String text = SearchText.lookedFor(validQuery(prefix));
        int size = Cursor.pageSize(first, 8, 20);
        Scope scope = scope(caller, workspaceId, SearchFilter.NONE, DocumentStatus.ACTIVE);
        if (scope.workspaces().isEmpty() || text.isEmpty()) {
            return List.of(); // no workspace, or only excluded words so far: nothing to complete
        }
        SearchRequest request = new SearchRequest.Builder()
                .index(index.alias())
                // On the title's unstemmed word beginnings (DocumentIndex.TITLE_SUGGEST): "documenta" is the beginning of
                // "Documentation", though not of its stem. Every word typed must begin a word of the title.
                .query(q -> q.bool(b -> inScope(b.must(titleBeginnings.matching(text)), scope)))
                .size(size)
                .source(s -> s.filter(f -> f.includes(DocumentIndex.TITLE, DocumentIndex.WORKSPACE_ID)))
                .trackTotalHits(t -> t.enabled(false))
                .build();
        SearchResponse<JsonData> response = send(request);
        if (response == null) {
            return List.of();
        }
        List<TitleSuggestion> suggestions = new ArrayList<>();
        TitleMarks marks = TitleMarks.of(text);
        for (Hit<JsonData> hit : response.hits().hits()) {
            var source = hit.source() == null ? null : hit.source().toJson().asJsonObject();
            if (source == null) {
                continue;
            }
            String title = source.getString(DocumentIndex.TITLE, "");
            suggestions.add(new TitleSuggestion(hit.id(), source.getString(DocumentIndex.WORKSPACE_ID, ""), marks.mark(title), title));
        }
        return suggestions;
    }

    private SearchResponse<JsonData> send(SearchRequest request) {
        try {
            return client.search(request, JsonData.class);
        } catch (OpenSearchException e) {
            if (e.status() == 404 && "index_not_found_exception".equals(e.error().type())) {
                return null;
            }
            throw refused(e.status(), e.getMessage(), e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** OpenSearch answered a search with an error: unavailable when the cluster is (5xx, 429), else a bug of ours. */
    private static RuntimeException refused(int status, String message, Exception cause) {
        if (status >= 500 || status == 429) {
            return unavailable(cause == null ? new IllegalStateException(status + " " + message) : cause);
        }
        return new IllegalStateException("OpenSearch refused the search: " + message, cause);
    }

    /** The bounds of a search: {@link #inScope}, and the filters asked for. */
    private static BoolQuery.Builder filtered(BoolQuery.Builder b, Scope scope) {
        inScope(b, scope);
        if (!scope.tags().isEmpty()) {
            b.filter(anyOf(DocumentIndex.TAGS, scope.tags()));
        }
        if (!scope.authorIds().isEmpty()) {
            b.filter(anyOf(DocumentIndex.AUTHOR_ID, scope.authorIds()));
        }
        if (scope.updatedAfter() != null) {
            b.filter(f -> f.range(r -> r.field(DocumentIndex.UPDATED_AT).gte(JsonData.of(scope.updatedAfter().toString()))));
        }
        return b;
    }

    /** The bounds of every search and suggestion: the caller's workspaces in scope, and the wanted status. */
    private static BoolQuery.Builder inScope(BoolQuery.Builder bool, Scope scope) {
        return bool.filter(anyOf(DocumentIndex.WORKSPACE_ID, scope.workspaces().stream().map(UUID::toString).toList()))
                .filter(f -> f.term(t -> t.field(DocumentIndex.STATUS).value(FieldValue.of(scope.status().name()))));
    }

    private static Query anyOf(String field, java.util.Collection<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    /*
     * In id order, as DocumentViews explains: app_user's (created_at, id) index ends with the id too, and after a bulk
     * load of users the planner could scan it whole for every search with facets. The table's id, not the text column
     * of the same name that the select list makes of it.
     */
    static final String WORKSPACE_NAMES = "SELECT CAST(w.id AS text), w.name FROM workspace w WHERE w.id IN (:ids) ORDER BY w.id";
    static final String AUTHOR_NAMES = "SELECT CAST(u.id AS text), u.display_name FROM app_user u WHERE u.id IN (:ids) ORDER BY u.id";
    private static final String WORKSPACES = "workspaces";
    private static final String TAGS = "tags";
    private static final String AUTHORS = "authors";

    /** The facet buckets, labelled with the workspaces' names and the authors' display names. */
    private SearchFacets facets(SearchResponse<JsonData> response) {
        var workspaces = buckets(response, WORKSPACES);
        var tags = buckets(response, TAGS);
        var authors = buckets(response, AUTHORS);
        Map<String, String> names = labels(WORKSPACE_NAMES, workspaces.keySet());
        Map<String, String> people = labels(AUTHOR_NAMES, authors.keySet());
        return new SearchFacets(facetValues(workspaces, names::get), facetValues(tags, tag -> tag), facetValues(authors, people::get));
    }

    private static Map<String, Long> buckets(SearchResponse<JsonData> response, String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        var aggregate = response.aggregations().get(name);
        if (aggregate != null && aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(b -> counts.put(b.key(), b.docCount()));
        }
        return counts;
    }

    private Map<String, String> labels(String sql, Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter("ids", ids.stream().map(UUID::fromString).toList()).getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1]));
    }

    /** Buckets whose label is unknown (a workspace or user deleted since it was indexed) are left out. */
    private static List<SearchFacets.SearchFacetValue> facetValues(Map<String, Long> counts, java.util.function.Function<String, String> labels) {
        List<SearchFacets.SearchFacetValue> out = new ArrayList<>();
        counts.forEach((value, count) -> {
            String label = labels.apply(value);
            if (label != null) {
                out.add(new SearchFacets.SearchFacetValue(value, label, (int) Math.min(Integer.MAX_VALUE, count)));
            }
        });
        return out;
    }

    private static SearchUnavailable unavailable(Exception cause) {
        LOG.warnf("Search unavailable: %s", cause.toString());
        return new SearchUnavailable("Search is unavailable right now: try again in a moment (the rest of the API works)");
    }

    /** The score exactly as OpenSearch sorted by it (a whole number may come back as a long). */
    private static double sortScore(Hit<JsonData> hit) {
        FieldValue score = hit.sort().getFirst();
        return score.isLong() ? score.longValue() : score.doubleValue();
    }

    /** Words one after the other in the title or the content (any of its forms). */
    private static MultiMatchQuery inOrder(String words) {
        return MultiMatchQuery.of(mm -> mm.query(words).fields(DocumentIndex.QUERY_FIELDS).type(TextQueryType.Phrase));
    }

    private static SearchHighlights highlights(Hit<JsonData> hit) {
        Map<String, List<String>> found = hit.highlight();
        List<String> title = MarkedFragments.merge(found.getOrDefault(DocumentIndex.TITLE, List.of()), found.getOrDefault(DocumentIndex.TITLE_WORDS, List.of()), 1);
        List<String> content = MarkedFragments.merge(found.getOrDefault(DocumentIndex.CONTENT, List.of()),
                found.getOrDefault(DocumentIndex.CONTENT_WORDS, List.of()), CONTENT_FRAGMENTS);
        return new SearchHighlights(title.isEmpty() ? null : title.getFirst(), content);
    }

    private static String validQuery(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            throw new BadUserInput("query: must not be blank");
        }
        if (q.length() > MAX_QUERY) {
            throw new BadUserInput("query: at most " + MAX_QUERY + " characters, was " + q.length());
        }
        return q;
    }

}

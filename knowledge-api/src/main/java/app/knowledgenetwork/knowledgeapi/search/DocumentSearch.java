package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.knowledgeapi.documents.Document;
import app.knowledgenetwork.knowledgeapi.documents.DocumentStatus;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.SearchUnavailable;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import app.knowledgenetwork.knowledgeapi.search.DocumentSearchConnection.DocumentSearchEdge;
import app.knowledgenetwork.knowledgeapi.search.DocumentSearchConnection.SearchHighlights;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceAccess;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Full-text search of a workspace's documents in OpenSearch (the index search-indexer fills, see common's
 * {@link DocumentIndex}), answered with the documents as PostgreSQL has them now.
 *
 * <p>The index lags the database: a hit whose document is gone, has moved to another workspace or no longer has
 * the requested status is left out. Nodes are loaded for a whole page in one statement. Paging is keyset on the
 * sort (_score desc, id asc) with search_after; when hits are left out, up to {@link #MAX_ROUNDS} further rounds
 * fill the page.
 */
@ApplicationScoped
public class DocumentSearch {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 50;
    static final int MAX_QUERY = 500;
    private static final int MAX_ROUNDS = 3;
    private static final Logger LOG = Logger.getLogger(DocumentSearch.class);

    private final OpenSearchClient client;
    private final EntityManager em;
    private final WorkspaceAccess access;
    private final DocumentIndex index;
    private final Timer latency;
    private final Counter hits;
    private final Counter empty;
    private final Counter failed;

    public DocumentSearch(OpenSearchClient client, EntityManager em, WorkspaceAccess access, MeterRegistry meters,
                          @ConfigProperty(name = "kn.opensearch.index-prefix") String indexPrefix) {
        this.client = client;
        this.em = em;
        this.access = access;
        this.index = DocumentIndex.of(indexPrefix);
        // Registered up front, so every series exists (at 0) before the first search.
        this.hits = meters.counter("kn.search.queries", "result", "hits");
        this.empty = meters.counter("kn.search.queries", "result", "empty");
        this.failed = meters.counter("kn.search.queries", "result", "failed");
        this.latency = Timer.builder("kn.search.latency").description("Time to answer a searchDocuments query, OpenSearch and PostgreSQL included")
                .publishPercentileHistogram().register(meters);
    }

    public DocumentSearchConnection search(UUID caller, UUID workspaceId, String query, DocumentStatus status, Integer first, String after) {
        access.require(workspaceId, caller, WorkspaceRole.VIEWER, "Workspace not found");
        String text = validQuery(query);
        int size = Cursor.pageSize(first, DEFAULT_PAGE, MAX_PAGE);
        SearchCursor from = SearchCursor.decode(after);
        DocumentStatus wanted = status == null ? DocumentStatus.ACTIVE : status;
        Timer.Sample sample = Timer.start();
        try {
            DocumentSearchConnection page = page(workspaceId, text, wanted, size, from);
            (page.edges().isEmpty() ? empty : hits).increment();
            return page;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        } finally {
            sample.stop(latency);
        }
    }

    private DocumentSearchConnection page(UUID workspaceId, String text, DocumentStatus wanted, int size, SearchCursor from) {
        List<DocumentSearchEdge> edges = new ArrayList<>();
        SearchCursor position = from;
        boolean consumed = false;
        boolean more = true;
        for (int round = 0; round < MAX_ROUNDS && more && edges.size() < size; round++) {
            int want = size - edges.size();
            List<Hit<JsonData>> found = hits(workspaceId, text, wanted, position, want + 1);
            if (found == null) {
                if (round == 0) {
                    return DocumentSearchConnection.empty();
                }
                more = false;
                break;
            }
            more = found.size() > want;
            List<Hit<JsonData>> page = found.subList(0, Math.min(want, found.size()));
            Map<UUID, DocumentView> documents = load(page.stream().map(h -> UUID.fromString(h.id())).toList());
            for (Hit<JsonData> hit : page) {
                position = new SearchCursor(sortScore(hit), UUID.fromString(hit.id()));
                consumed = true;
                DocumentView d = documents.get(position.id());
                if (d != null && d.workspaceId().equals(workspaceId.toString()) && d.status() == wanted) {
                    edges.add(new DocumentSearchEdge(position.encode(), hit.score() == null ? position.score() : hit.score(), highlights(hit), d));
                }
            }
        }
        // Past the last edge when hits after it were left out: the next page need not look at them again.
        return new DocumentSearchConnection(edges, new PageInfo(more, consumed ? position.encode() : null));
    }

    /** One round of hits after {@code position}; null when the index does not exist (nothing indexed yet). */
    private List<Hit<JsonData>> hits(UUID workspaceId, String text, DocumentStatus status, SearchCursor position, int size) {
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(index.alias())
                .query(q -> q.bool(b -> b
                        .must(m -> m.multiMatch(mm -> mm.query(text).fields(DocumentIndex.QUERY_FIELDS)))
                        .filter(f -> f.term(t -> t.field(DocumentIndex.WORKSPACE_ID).value(FieldValue.of(workspaceId.toString()))))
                        .filter(f -> f.term(t -> t.field(DocumentIndex.STATUS).value(FieldValue.of(status.name()))))))
                .sort(s -> s.score(o -> o.order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field(DocumentIndex.ID).order(SortOrder.Asc).unmappedType(FieldType.Keyword)))
                .size(size)
                .source(s -> s.fetch(false))
                .trackTotalHits(t -> t.enabled(false))
                // Escape the text, keep only the <em> markers: fragments are safe to put into HTML.
                .highlight(h -> h.encoder(HighlighterEncoder.Html)
                        .fields(DocumentIndex.TITLE, f -> f.numberOfFragments(0))
                        .fields(DocumentIndex.CONTENT, f -> f.fragmentSize(150).numberOfFragments(3)));
        if (position != null) {
            request.searchAfter(position.searchAfter());
        }
        try {
            return client.search(request.build(), JsonData.class).hits().hits();
        } catch (OpenSearchException e) {
            if (e.status() == 404 && "index_not_found_exception".equals(e.error().type())) {
                return null;
            }
            if (e.status() >= 500 || e.status() == 429) {
                throw unavailable(e);
            }
            throw new IllegalStateException("OpenSearch refused the search: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static SearchUnavailable unavailable(Exception cause) {
        LOG.warnf("Search unavailable: %s", cause.toString());
        return new SearchUnavailable("Search is unavailable right now: try again in a moment (the rest of the API works)");
    }

    private Map<UUID, DocumentView> load(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select d from Document d join fetch d.author join fetch d.updatedBy where d.id in :ids", Document.class)
                .setParameter("ids", ids).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList().stream()
                .collect(Collectors.toMap(d -> d.id, DocumentView::of));
    }

    /** The score exactly as OpenSearch sorted by it (a whole number may come back as a long). */
    private static double sortScore(Hit<JsonData> hit) {
        FieldValue score = hit.sort().getFirst();
        return score.isLong() ? score.longValue() : score.doubleValue();
    }

    private static SearchHighlights highlights(Hit<JsonData> hit) {
        Map<String, List<String>> found = hit.highlight();
        List<String> title = found.getOrDefault(DocumentIndex.TITLE, List.of());
        return new SearchHighlights(title.isEmpty() ? null : title.getFirst(), List.copyOf(found.getOrDefault(DocumentIndex.CONTENT, List.of())));
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

package app.knowledgenetwork.common.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The search index of documents: the contract between search-indexer, which writes {@link DocumentIndexEntry}s, and
 * knowledge-api, which queries them. Both derive the names from {@code kn.opensearch.index-prefix}.
 *
 * <p>Everyone reads and writes through the alias ({@code <prefix>documents}); the index behind it is versioned
 * ({@code <prefix>documents-v1}) so that a changed mapping can be built into a new index and the alias switched
 * over without downtime.
 */
public record DocumentIndex(String alias) {

    /** Bump when {@link #MAPPING} changes incompatibly: the new mapping goes into a new index behind the alias. */
    public static final int VERSION = 1;

    public static final String ID = "id";
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String TAGS = "tags";
    public static final String STATUS = "status";
    public static final String UPDATED_AT = "updatedAt";
    public static final String AUTHOR_ID = "authorId";

    /** The analyzer of title and content. */
    public static final String ENGLISH = "english";
    /** Its stand-in on a cluster without the analysis-common module (see {@link #createIfMissing}). */
    public static final String ENGLISH_WITHOUT_STEMMING = "english_without_stemming";

    /**
     * The fields a full-text query searches, title boosted: a word in the title says more about a document than
     * the same word in its body. (Index-time boosts are deprecated in OpenSearch, so the boost is part of the query
     * contract rather than of the mapping.)
     */
    public static final List<String> QUERY_FIELDS = List.of(TITLE + "^3", CONTENT);

    /**
     * The mapping of {@link DocumentIndexEntry}. Strict, so an entry that does not fit the contract is refused
     * instead of silently adding fields. Title and content are English full text (stemming, stop words); their
     * offsets are indexed so highlighting long content does not re-analyse it. The rest are exact values for
     * filters and sorting ({@code id} is the tie-breaker of relevance order, for search_after paging).
     */
    public static final String MAPPING = """
            {
              "dynamic": "strict",
              "properties": {
                "id":          { "type": "keyword" },
                "workspaceId": { "type": "keyword" },
                "title":       { "type": "text", "analyzer": "english", "index_options": "offsets" },
                "content":     { "type": "text", "analyzer": "english", "index_options": "offsets" },
                "tags":        { "type": "keyword" },
                "status":      { "type": "keyword" },
                "revision":    { "type": "long" },
                "updatedAt":   { "type": "date" },
                "authorId":    { "type": "keyword" }
              }
            }""";

    public static DocumentIndex of(String indexPrefix) {
        return new DocumentIndex(indexPrefix + "documents");
    }

    /** The first index of the current {@link #VERSION}, the one {@link #createIfMissing} puts behind {@link #alias}. */
    public String index() {
        return alias + "-v" + VERSION;
    }

    private static final DateTimeFormatter BUILD_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final Pattern VERSIONED = Pattern.compile("(\\d+)(-\\d+)?");

    /**
     * A new index of the current {@link #VERSION} for a reindex to build beside the one in use: {@code <alias>-v<N>-<time>},
     * the time in UTC to the millisecond, so each build has a name of its own.
     */
    public String newIndex(Instant at) {
        return alias + "-v" + VERSION + "-" + BUILD_TIME.format(at);
    }

    /**
     * The mapping version of one of this alias's indices ({@link #index()}, {@link #newIndex}), read from its name; empty
     * for an index that is not one of them.
     */
    public OptionalInt versionOf(String index) {
        if (!index.startsWith(alias + "-v")) {
            return OptionalInt.empty();
        }
        Matcher m = VERSIONED.matcher(index.substring(alias.length() + 2));
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** {@link #MAPPING}, with another analyzer for the text fields when the cluster has no "english" ({@link #createIfMissing}). */
    public static TypeMapping mapping(String textAnalyzer) {
        String json = MAPPING.replace("\"analyzer\": \"" + ENGLISH + "\"", "\"analyzer\": \"" + textAnalyzer + "\"");
        return TypeMapping.of(b -> b.withJson(new StringReader(json)));
    }

    /**
     * Creates the current index with the mapping and the alias pointing at it (as its write index), unless the
     * alias exists already. Safe when several replicas start at once: losing the race is not an error.
     *
     * <p>The "english" analyzer lives in OpenSearch's analysis-common module, which every full distribution (and
     * Amazon OpenSearch Service) has but the minimal integ-test distribution that bin/dev-services runs has not.
     * There the text fields get {@link #ENGLISH_WITHOUT_STEMMING} instead (lower case, English stop words): the
     * index works and the caller is told, through the returned value, to say so in its log.
     *
     * @return what this call did
     */
    public Created createIfMissing(OpenSearchClient client) throws IOException {
        if (client.indices().existsAlias(r -> r.name(alias)).value()) {
            return Created.ALREADY_THERE;
        }
        try {
            return create(client, index(), alias);
        } catch (OpenSearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return Created.ALREADY_THERE;
            }
            throw e;
        }
    }

    /**
     * Creates {@code index} with the mapping and settings of the current {@link #VERSION} (as {@link #createIfMissing}
     * does, stemming included where the cluster has it) behind {@code otherAlias}, not behind {@link #alias}: a reindex
     * builds it there and then moves {@link #alias} over in one step.
     */
    public Created createBeside(OpenSearchClient client, String index, String otherAlias) throws IOException {
        if (otherAlias.equals(alias)) {
            throw new IllegalArgumentException("an index built beside the one in use must not be behind " + alias + " yet");
        }
        return create(client, index, otherAlias);
    }

    private static Created create(OpenSearchClient client, String index, String alias) throws IOException {
        boolean english = hasEnglishAnalyzer(client);
        client.indices().create(r -> {
            r.index(index).mappings(mapping(english ? ENGLISH : ENGLISH_WITHOUT_STEMMING)).aliases(alias, a -> a.isWriteIndex(true));
            if (!english) {
                r.settings(s -> s.analysis(a -> a.analyzer(ENGLISH_WITHOUT_STEMMING,
                        an -> an.custom(c -> c.tokenizer("standard").filter("lowercase", "stop")))));
            }
            return r;
        });
        return english ? Created.CREATED : Created.CREATED_WITHOUT_STEMMING;
    }

    public enum Created {
        CREATED,
        /** Created, but the cluster has no "english" analyzer: see {@link #createIfMissing}. */
        CREATED_WITHOUT_STEMMING,
        ALREADY_THERE
    }

    private static boolean hasEnglishAnalyzer(OpenSearchClient client) throws IOException {
        try {
            client.indices().analyze(r -> r.analyzer(ENGLISH).text("probe"));
            return true;
        } catch (OpenSearchException e) {
            if (e.status() == 400) {
                return false;
            }
            throw e;
        }
    }
}

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
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The search index of documents: the contract between search-indexer, which writes {@link DocumentIndexEntry}s, and
 * knowledge-api, which queries them. Both derive the names from {@code kn.opensearch.index-prefix}.
 *
 * <p>Everyone reads and writes through the alias ({@code <prefix>documents}); the index behind it is versioned
 * ({@code <prefix>documents-v1}) so that a changed mapping can be built into a new index and the alias switched
 * over without downtime.
 */
public record DocumentIndex(String alias) {

    /**
     * Bump when {@link #MAPPING} changes incompatibly: the new mapping goes into a new index behind the alias.
     * 2: {@link #TITLE_SUGGEST}, the title's prefixes unstemmed, for suggestions. 3: {@link #TYPO_FIELDS}, title and
     * content as written, for typos in words the stemmer shortens.
     */
    public static final int VERSION = 3;

    public static final String ID = "id";
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String TAGS = "tags";
    public static final String STATUS = "status";
    public static final String UPDATED_AT = "updatedAt";
    public static final String AUTHOR_ID = "authorId";
    /**
     * The title once more, as the beginnings of its words, neither stemmed nor stripped of stop words: what suggestions
     * match a prefix against. The English title cannot: its "Documentation" is indexed as "document", so a prefix that runs
     * past the stem ("documenta") finds nothing there. A sub-field of {@link #TITLE}: no field of its own in the entry.
     */
    public static final String TITLE_SUGGEST = "title.suggest";

    /** The analyzer of title and content. */
    public static final String ENGLISH = "english";
    /** Its stand-in on a cluster without the analysis-common module (see {@link #createIfMissing}). */
    public static final String ENGLISH_WITHOUT_STEMMING = "english_without_stemming";
    /** The index analyzer of {@link #TITLE_SUGGEST}: words lower-cased and folded to ASCII, each as all its beginnings (edge n-grams). */
    public static final String TITLE_PREFIXES = "title_prefixes";
    /**
     * Words lower-cased and folded to ASCII, nothing else: the search analyzer of {@link #TITLE_SUGGEST} (what was typed,
     * as whole words, each the beginning of a word of the title) and the analyzer of the {@link #TYPO_FIELDS}.
     */
    public static final String WORDS = "words";
    /** Beginnings up to this long are indexed; a longer word is indexed whole as well (preserve_original), so typing it out still finds it. */
    public static final int MAX_PREFIX = 20;

    /**
     * The fields a full-text query searches, title boosted: a word in the title says more about a document than
     * the same word in its body. (Index-time boosts are deprecated in OpenSearch, so the boost is part of the query
     * contract rather than of the mapping.)
     */
    public static final List<String> QUERY_FIELDS = List.of(TITLE + "^3", CONTENT);
    /** The title as written: one of the {@link #TYPO_FIELDS}. */
    public static final String TITLE_WORDS = "title.words";
    /** The content as written: one of the {@link #TYPO_FIELDS}. */
    public static final String CONTENT_WORDS = "content.words";
    /**
     * Title and content once more as written ({@link #WORDS}: not stemmed), boosted alike: where a misspelt word is
     * corrected. On the English fields a correction misses every word the stemmer shortens: "deploymnt" is one edit from
     * "deployment" but three from its stem "deploy", which is all the English field holds. Sub-fields of {@link #TITLE}
     * and {@link #CONTENT}: no fields of their own in the entry.
     */
    public static final List<String> TYPO_FIELDS = List.of(TITLE_WORDS + "^3", CONTENT_WORDS);

    /**
     * The mapping of {@link DocumentIndexEntry}. Strict, so an entry that does not fit the contract is refused
     * instead of silently adding fields. Title and content are English full text (stemming, stop words); their
     * offsets are indexed so highlighting long content does not re-analyse it. Each has a sub-field of its words as
     * written ({@link #TYPO_FIELDS}); the title one of its words' beginnings too ({@link #TITLE_SUGGEST}). The rest are
     * exact values for filters and sorting ({@code id} is the tie-breaker of relevance order, for search_after paging).
     * The analyzers it names besides "english" are the index's own ({@link #create}).
     */
    public static final String MAPPING = """
            {
              "dynamic": "strict",
              "properties": {
                "id":          { "type": "keyword" },
                "workspaceId": { "type": "keyword" },
                "title":       { "type": "text", "analyzer": "english", "index_options": "offsets",
                                 "fields": { "suggest": { "type": "text", "analyzer": "title_prefixes", "search_analyzer": "words",
                                                          "index_options": "offsets" },
                                             "words":   { "type": "text", "analyzer": "words", "index_options": "offsets" } } },
                "content":     { "type": "text", "analyzer": "english", "index_options": "offsets",
                                 "fields": { "words": { "type": "text", "analyzer": "words", "index_options": "offsets" } } },
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

    /**
     * {@link #MAPPING} as created on a cluster with ({@code analysisCommon}) or without the analysis-common module
     * ({@link #createIfMissing}). Without it there is neither "english" nor the edge n-gram filter: the text fields get
     * {@link #ENGLISH_WITHOUT_STEMMING}, and {@link #TITLE_SUGGEST} indexes whole words with index_prefixes (Lucene's
     * own prefix field, core) instead, which a match_bool_prefix query (as knowledge-api sends) uses for its last word.
     */
    public static TypeMapping mapping(boolean analysisCommon) {
        return TypeMapping.of(b -> b.withJson(new StringReader(mappingJson(analysisCommon))));
    }

    private static String mappingJson(boolean analysisCommon) {
        return analysisCommon ? MAPPING
                : MAPPING.replace("\"analyzer\": \"" + ENGLISH + "\"", "\"analyzer\": \"" + ENGLISH_WITHOUT_STEMMING + "\"")
                        .replace("\"analyzer\": \"" + TITLE_PREFIXES + "\", \"search_analyzer\": \"" + WORDS + "\",",
                                "\"analyzer\": \"" + WORDS + "\", \"index_prefixes\": { \"min_chars\": 1, \"max_chars\": 19 },");
    }

    /** The index's own analyzers ({@link #mapping}): with or without the analysis-common module. */
    static String analysis(boolean analysisCommon) {
        String words = "\"" + WORDS + "\": { \"type\": \"custom\", \"tokenizer\": \"standard\", \"filter\": [\"lowercase\", \"asciifolding\"] }";
        if (!analysisCommon) {
            return """
                    { "analyzer": {
                        "%s": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "stop"] },
                        %s } }""".formatted(ENGLISH_WITHOUT_STEMMING, words);
        }
        return """
                { "filter": { "title_edges": { "type": "edge_ngram", "min_gram": 1, "max_gram": %d, "preserve_original": true } },
                  "analyzer": {
                    "%s": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "title_edges"] },
                    %s } }""".formatted(MAX_PREFIX, TITLE_PREFIXES, words);
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
        return create(client, index(), alias);
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
        return create(client, index, alias, hasEnglishAnalyzer(client));
    }

    /**
     * Creates {@code index} behind {@code otherAlias} as {@link #createBeside} would on a cluster without the
     * analysis-common module, whatever this cluster has: an index as an older start on such a cluster left it, for tests
     * of what happens once the module is there ({@link #lacksStemming}).
     */
    public Created createWithoutStemming(OpenSearchClient client, String index, String otherAlias) throws IOException {
        if (otherAlias.equals(alias)) {
            throw new IllegalArgumentException("an index built beside the one in use must not be behind " + alias + " yet");
        }
        return create(client, index, otherAlias, false);
    }

    /**
     * Sent as JSON (the generic client): the typed settings cannot express every option of the analysis (the edge n-gram
     * filter's preserve_original). Losing a race with another replica that creates the same index is
     * {@link Created#ALREADY_THERE}.
     */
    private static Created create(OpenSearchClient client, String index, String alias, boolean analysisCommon) throws IOException {
        String body = """
                { "settings": { "analysis": %s },
                  "mappings": %s,
                  "aliases": { "%s": { "is_write_index": true } } }""".formatted(analysis(analysisCommon), mappingJson(analysisCommon), alias);
        try (Response response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + index).json(body).build())) {
            if (response.getStatus() == 200) {
                return analysisCommon ? Created.CREATED : Created.CREATED_WITHOUT_STEMMING;
            }
            String answer = response.getBody().map(Body::bodyAsString).orElse("");
            if (response.getStatus() == 400 && answer.contains("resource_already_exists_exception")) {
                return Created.ALREADY_THERE;
            }
            throw new IOException("Creating index " + index + " answered " + response.getStatus() + ": " + answer);
        }
    }

    /**
     * The indices behind the alias that were built without English stemming ({@link #ENGLISH_WITHOUT_STEMMING}) although
     * this cluster has the "english" analyzer now: the analysis-common module was added after they were created (as
     * bin/dev-services did for existing local clusters). They work, but stem nothing and suggest from whole words only,
     * until a reindex builds them anew. Empty when the cluster still lacks the module, or the alias does not exist.
     */
    public List<String> lacksStemming(OpenSearchClient client) throws IOException {
        if (!hasEnglishAnalyzer(client)) {
            return List.of();
        }
        List<String> without = new java.util.ArrayList<>();
        mappingsBehindAlias(client).forEach((name, record) -> {
            var title = record.mappings().properties().get(TITLE);
            String analyzer = title != null && title.isText() ? title.text().analyzer() : null;
            if (ENGLISH_WITHOUT_STEMMING.equals(analyzer)) {
                without.add(name);
            }
        });
        return List.copyOf(without);
    }

    /**
     * Whether every index behind the alias has each beginning of a title's words as a term of {@link #TITLE_SUGGEST} (the
     * edge n-grams of {@link #TITLE_PREFIXES}): then a typed word of up to {@link #MAX_PREFIX} letters can be looked up as
     * one term. False for an index built without the analysis-common module (whole words with index_prefixes, where only a
     * prefix query finds a beginning) and while the alias does not exist.
     */
    public boolean titleBeginningsAreTerms(OpenSearchClient client) throws IOException {
        var mappings = mappingsBehindAlias(client);
        return !mappings.isEmpty() && mappings.values().stream().allMatch(record -> {
            var title = record.mappings().properties().get(TITLE);
            var suggest = title != null && title.isText() ? title.text().fields().get(TITLE_SUGGEST.substring(TITLE.length() + 1)) : null;
            return suggest != null && suggest.isText() && TITLE_PREFIXES.equals(suggest.text().analyzer());
        });
    }

    /** The mapping of each index behind the alias, by index name; none while the alias does not exist. */
    private java.util.Map<String, org.opensearch.client.opensearch.indices.get_mapping.IndexMappingRecord> mappingsBehindAlias(OpenSearchClient client)
            throws IOException {
        try {
            return client.indices().getMapping(r -> r.index(alias)).result();
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return java.util.Map.of();
            }
            throw e;
        }
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

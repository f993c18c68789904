package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.common.search.DocumentIndex;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The query that finds titles whose words begin with every typed word ({@link DocumentIndex#TITLE_SUGGEST}), chosen by
 * how the index behind the alias was built.
 *
 * <p>With edge n-grams (every index built with the analysis-common module) each beginning of a title's words is a term
 * of its own, so every typed word is one term lookup ({@code match}, all words required). A prefix query on the last word
 * ({@code match_bool_prefix}) gave the same titles but expanded "re" into every n-gram term beginning with "re" and
 * collected all their documents: on the 100,000 documents of bench/search about a third more of OpenSearch's
 * allocation per suggestion. The prefix query stays where it is needed: on an index built without the module (whole
 * words with index_prefixes), and for a typed word too long to be one of the indexed beginnings.
 *
 * <p>The index's build is read from its mapping at most once a minute (a "no" every 5 s): a reindex that changes it
 * takes effect within that time; until then the prefix query finds the same titles on either build.
 */
final class TitleBeginnings {
    private static final Logger LOG = Logger.getLogger(TitleBeginnings.class);
    private static final long RECHECK_NANOS = 60_000_000_000L;
    /** A "no" is asked again sooner: it is also the answer while the alias does not exist yet. */
    private static final long RECHECK_NO_NANOS = 5_000_000_000L;
    /**
     * Typed text that might fold into a word longer than the indexed beginnings: a few letters of margin, as folding to
     * ASCII can lengthen a word ("ß" is "ss", "æ" is "ae").
     */
    private static final Pattern TOO_LONG_A_WORD = Pattern.compile("\\S{" + (DocumentIndex.MAX_PREFIX - 2) + ",}");

    private final OpenSearchClient client;
    private final DocumentIndex index;
    private volatile boolean terms;
    private volatile long checkedAt;

    TitleBeginnings(OpenSearchClient client, DocumentIndex index) {
        this.client = client;
        this.index = index;
        this.checkedAt = System.nanoTime() - RECHECK_NO_NANOS - 1; // due at the first suggestion
    }

    /** Titles with a word beginning with each word of {@code typed}, in any order. */
    Query matching(String typed) {
        if (beginningsAreTerms() && !TOO_LONG_A_WORD.matcher(typed).find()) {
            return Query.of(q -> q.match(m -> m.field(DocumentIndex.TITLE_SUGGEST).query(v -> v.stringValue(typed)).operator(Operator.And)));
        }
        return Query.of(q -> q.matchBoolPrefix(p -> p.field(DocumentIndex.TITLE_SUGGEST).query(typed).operator(Operator.And)));
    }

    private boolean beginningsAreTerms() {
        long now = System.nanoTime();
        if (now - checkedAt > (terms ? RECHECK_NANOS : RECHECK_NO_NANOS)) {
            checkedAt = now;
            try {
                terms = index.titleBeginningsAreTerms(client);
            } catch (IOException | OpenSearchException e) {
                // The prefix query finds the same titles on either build; the suggestion's own request reports an outage.
                LOG.debugf("Could not read the mapping of %s (%s): suggesting with a prefix query", index.alias(), e.toString());
                terms = false;
            }
        }
        return terms;
    }
}

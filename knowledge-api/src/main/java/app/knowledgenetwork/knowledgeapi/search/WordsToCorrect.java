package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.common.search.DocumentIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.MsearchResponse;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;

/**
 * Which of a search's words to correct for typos: those that, as typed (in any of their English forms), are in no
 * document the search may return. A word found as typed is taken as meant, as a spelling corrector does: correcting
 * it anyway costs the search most of its time in OpenSearch (building each word's edit automata and scoring every
 * near word's documents: bench/search, twelfth pass) and adds documents holding words it was never meant to be
 * ("deployment" finding "employment"). Words under {@link #SHORTEST} letters are never corrected (one edit makes
 * another word of most of them).
 *
 * <p>Looked up in the search's own scope (the caller's workspaces and filters), never the whole index: whether a word
 * is corrected must not tell anyone it is in a document they cannot read. One request for all words, each answered
 * by its first match. If it fails, every word is corrected (the search itself then reports an outage).
 */
final class WordsToCorrect {
    /** AUTO:4,8 ({@link DocumentSearch#FUZZINESS}) allows no edit below this length. */
    static final int SHORTEST = 4;
    private static final Logger LOG = Logger.getLogger(WordsToCorrect.class);

    private WordsToCorrect() {
    }

    /** The words of {@code words} (space-separated) to correct, space-separated; empty when none. */
    static String of(OpenSearchClient client, String alias, String words, UnaryOperator<BoolQuery.Builder> scope) {
        List<String> candidates = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(words.split("\\s+"))
                .filter(w -> w.codePointCount(0, w.length()) >= SHORTEST).map(w -> w.toLowerCase(Locale.ROOT)).toList()));
        if (candidates.isEmpty()) {
            return "";
        }
        List<RequestItem> lookups = candidates.stream().map(word -> RequestItem.of(item -> item
                .header(h -> h.index(alias))
                .body(b -> b.size(0).trackTotalHits(t -> t.count(1))
                        .query(q -> q.bool(bool -> scope.apply(bool.must(m -> m.multiMatch(mm -> mm.query(word)
                                .fields(DocumentIndex.QUERY_FIELDS).operator(Operator.And))))))))).toList();
        try {
            MsearchResponse<JsonData> found = client.msearch(m -> m.searches(lookups), JsonData.class);
            List<String> correct = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                MultiSearchResponseItem<JsonData> answer = found.responses().get(i);
                if (!answer.isResult() || answer.result().hits().total() == null || answer.result().hits().total().value() == 0) {
                    correct.add(candidates.get(i));
                }
            }
            return String.join(" ", correct);
        } catch (Exception e) {
            LOG.debugf("Looking up the words as typed failed, correcting them all: %s", e);
            return String.join(" ", candidates);
        }
    }
}

package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.common.search.DocumentIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;

/**
 * Which of a search's words to correct for typos: those that, as typed (in any of their English forms), are in no
 * document the search may return. A word found as typed is taken as meant, as a spelling corrector does: correcting
 * it anyway cost the search most of its time in OpenSearch (building each word's edit automata and scoring every near
 * word's documents: bench/search, twelfth pass) and added documents holding words it was never meant to be ("graph"
 * finding "Grape"). Words under {@link #SHORTEST} letters are never corrected (one edit makes another word of most).
 *
 * <p>Looked up in the search's own scope (the caller's workspaces and filters), never the whole index: whether a word
 * is corrected must not tell anyone it is in a document they cannot read. {@link DocumentSearch} sends the lookups in
 * one {@code _msearch} with the search as typed, which is the answer when every word is found; a lookup that fails
 * counts as not found (the word is corrected, as before lookups existed).
 */
final class WordsToCorrect {
    /** AUTO:4,8 ({@link DocumentSearch#FUZZINESS}) allows no edit below this length. */
    static final int SHORTEST = 4;

    private WordsToCorrect() {
    }

    /** The words of {@code words} (space-separated) that could be corrected, each once, lower case. */
    static List<String> candidates(String words) {
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(words.split("\\s+"))
                .filter(w -> w.codePointCount(0, w.length()) >= SHORTEST).map(w -> w.toLowerCase(Locale.ROOT)).toList()));
    }

    /** Whether {@code word} is in a document within {@code scope}: counting stops at the first. */
    static RequestItem lookup(String alias, String word, UnaryOperator<BoolQuery.Builder> scope) {
        return RequestItem.of(item -> item
                .header(h -> h.index(alias))
                .body(b -> b.size(0).trackTotalHits(t -> t.count(1))
                        .query(q -> q.bool(bool -> scope.apply(bool.must(m -> m.multiMatch(mm -> mm.query(word)
                                .fields(DocumentIndex.QUERY_FIELDS).operator(Operator.And))))))));
    }

    /** The {@code candidates} their {@link #lookup}s (in the same order) did not find, space-separated; empty when none. */
    static String notFound(List<String> candidates, List<MultiSearchResponseItem<JsonData>> answers) {
        List<String> correct = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            MultiSearchResponseItem<JsonData> answer = answers.get(i);
            if (!answer.isResult() || answer.result().hits().total() == null || answer.result().hits().total().value() == 0) {
                correct.add(candidates.get(i));
            }
        }
        return String.join(" ", correct);
    }
}

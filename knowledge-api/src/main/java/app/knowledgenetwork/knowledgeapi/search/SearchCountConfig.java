package app.knowledgenetwork.knowledgeapi.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How far searchDocuments' totalCount is exact (SEARCH_TOTAL_COUNT_EXACT_UP_TO). */
@ConfigMapping(prefix = "kn.search.total-count")
public interface SearchCountConfig {
    /**
     * Matches counted exactly; past this many, counting stops and the total is a lower bound (as Elasticsearch does by
     * default, at 10,000). An exact count scores every match of the query, fuzzy variants of common words included:
     * over 100,000 documents most of a search's engine time went into counting matches nobody pages to. A bound lets
     * OpenSearch skip the documents that cannot make the page. At least 1.
     */
    @WithDefault("1000")
    int exactUpTo();
}

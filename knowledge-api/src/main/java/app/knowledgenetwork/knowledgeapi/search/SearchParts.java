package app.knowledgenetwork.knowledgeapi.search;

import graphql.schema.DataFetchingFieldSelectionSet;

/**
 * The parts of a search answer the client selected: each one it did not ask for is work OpenSearch and PostgreSQL
 * need not do — the count of the whole result (every match scored instead of only the best), the facets (three
 * aggregations over the whole result and the lookups of their labels), the highlights (the stored text of every hit
 * re-read and marked).
 */
record SearchParts(boolean totalCount, boolean facets, boolean titleHighlights, boolean contentHighlights) {
    /** Everything, for a caller that is not a GraphQL selection. */
    static final SearchParts ALL = new SearchParts(true, true, true, true);

    static SearchParts of(DataFetchingFieldSelectionSet selection) {
        return new SearchParts(selection.contains("totalCount"), selection.contains("facets"),
                selection.contains("edges/highlights/title"), selection.contains("edges/highlights/content"));
    }

    boolean highlights() {
        return titleHighlights || contentHighlights;
    }
}

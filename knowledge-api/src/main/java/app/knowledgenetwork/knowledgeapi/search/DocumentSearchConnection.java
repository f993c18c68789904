package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of search results, most relevant first.")
public record DocumentSearchConnection(
        @NonNull @Description("The results of this page, most relevant first.") List<@NonNull DocumentSearchEdge> edges,
        @NonNull @Description("Whether more results follow, and the cursor to pass as 'after' to get them.") PageInfo pageInfo,
        @NonNull @Description("How many documents match over all pages, as counted by the search index (which may lag a change by a moment). "
                + "Exact up to 1,000 (a setting of the service); past it, counting stops and this is a lower bound: see totalCountIsLowerBound. "
                + "Always exact when facets are selected.") int totalCount,
        @NonNull @Description("True when totalCount is only a lower bound (more documents match than were counted): show it as \"1,000+\", not \"1,000\".")
        boolean totalCountIsLowerBound,
        @NonNull @Description("Counts of the whole result by workspace, tag and author.") SearchFacets facets) {

    static DocumentSearchConnection empty() {
        return new DocumentSearchConnection(List.of(), new PageInfo(false, null), 0, false, SearchFacets.NONE);
    }

    @Description("One search result: a document, how well it matches, and where.")
    public record DocumentSearchEdge(
            @NonNull @Description("Opaque position of this result; pass it as 'after' to get the results that follow it.") String cursor,
            @NonNull @Description("Relevance (OpenSearch's score): higher is better; only comparable within one query.") double score,
            @NonNull @Description("The matching parts of the title and content.") SearchHighlights highlights,
            @NonNull @Description("The document, as it is now.") DocumentView node) {
    }

    @Description("Where a document matches the query. Fragments are HTML-escaped text in which each match is wrapped in <em>...</em>; "
            + "they come from the search index, which may lag a change by a moment.")
    public record SearchHighlights(
            @Description("The whole title with its matches marked; null when the title does not match.") String title,
            @NonNull @Description("Up to 3 fragments of the content around matches, best first; empty when the content does not match.")
            List<@NonNull String> content) {
    }
}

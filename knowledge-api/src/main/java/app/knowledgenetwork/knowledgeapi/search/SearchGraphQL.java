package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.documents.DocumentStatus;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SearchGraphQL {
    private final DocumentSearch search;
    private final Caller caller;
    private final Context context;

    public SearchGraphQL(DocumentSearch search, Caller caller, Context context) {
        this.search = search;
        this.caller = caller;
        this.context = context;
    }

    @Query
    @Description("Full-text search of your documents, across all your workspaces unless narrowed, most relevant first: words in the title count "
            + "more than in the content; a word found in none of your documents is corrected for a typo or two. With the total and facet counts of the whole result. "
            + "'first' is 1..50 (default 20). SEARCH_UNAVAILABLE when the search service cannot be reached.")
    public @NonNull DocumentSearchConnection searchDocuments(
            @Id @Name("workspaceId") @Description("Only this workspace; one you are not a member of is NOT_FOUND. Default: all of yours (see also filter).") String workspaceId,
            @NonNull @Name("query") @Description("Words to look for, 1 to 500 characters: any of them, in their other forms, corrected when misspelt; \"a phrase\" in quotes must "
                    + "appear, its words in that order; -word or -\"a phrase\" must not appear. Excluded words alone are BAD_USER_INPUT.") String query,
            @Name("filter") @Description("Narrows by workspaces, tags, authors and last change.") SearchFilter filter,
            @Name("status") @Description("Only documents with this status (default ACTIVE; trashed ones only when asked for).") DocumentStatus status,
            @Name("first") @Description("Results per page, 1..50 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page, to get the next one.") String after) {
        // Only what the query selects is computed: a search box asking for no facets does not pay for them.
        SearchParts parts = SearchParts.of(context.unwrap(DataFetchingEnvironment.class).getSelectionSet());
        return search.search(caller.userId(), workspaceId == null ? null : Ids.parse(workspaceId, "Workspace"), filter, query, status, first, after, parts);
    }

    @Query
    @Description("Titles that complete what is being typed, from your workspaces' active documents: for a search box's suggestions. Each "
            + "typed word must begin a word of the title as written, not stemmed ('documenta' suggests 'Documentation'); case and accents do "
            + "not matter. 'first' is 1..20 (default 8). SEARCH_UNAVAILABLE when the search service cannot be reached.")
    public @NonNull List<@NonNull TitleSuggestion> suggestDocumentTitles(
            @NonNull @Name("prefix") @Description("What has been typed so far, 1 to 500 characters. Quotes do not count; excluded words (-word) are not completed.") String prefix,
            @Id @Name("workspaceId") @Description("Only this workspace; default: all of yours.") String workspaceId,
            @Name("first") @Description("How many suggestions, 1..20 (default 8).") Integer first) {
        return search.suggest(caller.userId(), workspaceId == null ? null : Ids.parse(workspaceId, "Workspace"), prefix, first);
    }
}

package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.documents.DocumentStatus;
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

    public SearchGraphQL(DocumentSearch search, Caller caller) {
        this.search = search;
        this.caller = caller;
    }

    @Query
    @Description("Full-text search of a workspace's documents (VIEWER), most relevant first: words in the title count more than in the content. "
            + "'first' is 1..50 (default 20). SEARCH_UNAVAILABLE when the search service cannot be reached.")
    public @NonNull DocumentSearchConnection searchDocuments(
            @NonNull @Id @Name("workspaceId") @Description("The workspace to search; one you are not a member of is NOT_FOUND.") String workspaceId,
            @NonNull @Name("query") @Description("Words to look for, 1 to 500 characters.") String query,
            @Name("status") @Description("Only documents with this status (default ACTIVE).") DocumentStatus status,
            @Name("first") @Description("Results per page, 1..50 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page, to get the next one.") String after) {
        return search.search(caller.userId(), Ids.parse(workspaceId, "Workspace"), query, status, first, after);
    }
}

package app.knowledgenetwork.knowledgeapi.admin;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The search reindex, for platform admins (ADMIN with an MFA sign-in, as every admin operation: {@link AdminGate}). */
@GraphQLApi
public class SearchReindexGraphQL {
    private final SearchReindexing reindexing;

    public SearchReindexGraphQL(SearchReindexing reindexing) {
        this.reindexing = reindexing;
    }

    @Mutation
    @Description("Platform admins (ADMIN, MFA sign-in) only: rebuilds the search index from PostgreSQL without downtime (search-indexer builds a "
            + "new index while changes keep flowing, then moves the alias in one step). Answers once a search-indexer replica has picked the "
            + "request up (BUILDING, with the new index's name), or after 3 seconds still REQUESTED; follow it with searchReindex. CONFLICT while "
            + "another request is REQUESTED or BUILDING; a request that finds a reindex started otherwise (scripts/reindex.sh) running ends FAILED.")
    public @NonNull SearchReindexView startSearchReindex() {
        return reindexing.start();
    }

    @Query
    @Description("Platform admins (ADMIN, MFA sign-in) only: a search reindex asked for with startSearchReindex; the latest one without 'id' "
            + "(null when there was none).")
    public SearchReindexView searchReindex(@Id @Name("id") @Description("The request's id; default: the latest.") String id) {
        Long number = null;
        if (id != null) {
            try {
                number = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw new app.knowledgenetwork.knowledgeapi.errors.BadUserInput("id: not the id of a search reindex: " + id);
            }
        }
        return reindexing.find(number);
    }
}

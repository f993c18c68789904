package app.knowledgenetwork.knowledgeapi.paging;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Relay page information. Pass endCursor as 'after' to get the next page.")
public record PageInfo(@NonNull boolean hasNextPage, String endCursor) {
}

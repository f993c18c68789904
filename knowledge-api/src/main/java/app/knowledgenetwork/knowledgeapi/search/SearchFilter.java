package app.knowledgenetwork.knowledgeapi.search;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;

@Name("SearchFilter")
@Description("Narrows a search; every part is optional and the parts combine with AND (values within one part with OR).")
public record SearchFilter(
        @Id @Description("Only these workspaces (each one you are a member of; any other is NOT_FOUND). Default: all of yours.") List<String> workspaceIds,
        @Description("Only documents with at least one of these tags (compared lower-cased).") List<String> tags,
        @Id @Description("Only documents created by one of these users.") List<String> authorIds,
        @Description("Only documents changed at or after this instant.") Instant updatedAfter) {

    static final SearchFilter NONE = new SearchFilter(null, null, null, null);
}

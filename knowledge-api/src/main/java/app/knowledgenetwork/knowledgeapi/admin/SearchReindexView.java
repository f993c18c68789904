package app.knowledgenetwork.knowledgeapi.admin;

import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("SearchReindex")
@Description("A zero-downtime rebuild of the search index from PostgreSQL, asked for by a platform admin and run by search-indexer.")
public record SearchReindexView(
        @NonNull @Id @Description("The request's id.") String id,
        @NonNull @Description("Where it stands.") SearchReindexState state,
        @Description("The index being built or built (kn-documents-v<N>-<UTC time>); null until a replica picked the request up.") String index,
        @Description("Documents written by the build; null until it ended.") Long documents,
        @Description("Why it FAILED; null otherwise.") String error,
        @NonNull @Id @Description("The admin who asked for it.") String requestedBy,
        @NonNull @Description("When it was asked for.") Instant requestedAt,
        @Description("When a replica started building.") Instant startedAt,
        @Description("When it ended (SWITCHED or FAILED).") Instant finishedAt) {
}

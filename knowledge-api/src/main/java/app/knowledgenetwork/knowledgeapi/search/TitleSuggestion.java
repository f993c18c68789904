package app.knowledgenetwork.knowledgeapi.search;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A document whose title completes what was typed, straight from the search index (it may lag a change by a moment).")
public record TitleSuggestion(
        @Id @NonNull @Description("The document; open it with document(id).") String documentId,
        @Id @NonNull String workspaceId,
        @NonNull @Description("Its title, HTML-escaped, with the typed words marked <em>...</em>.") String highlightedTitle,
        @NonNull @Description("Its title as plain text.") String title) {
}

package app.knowledgenetwork.knowledgeapi.workspaces;

import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Workspace")
@Description("A space of documents shared by its members.")
public record WorkspaceView(@Id @NonNull String id, @NonNull String name, @NonNull @Description("The caller's role here.") WorkspaceRole myRole,
                            @NonNull Instant createdAt) {
}

package app.knowledgenetwork.knowledgeapi.documents;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@org.eclipse.microprofile.graphql.Input("DocumentInput")
@Description("A new document.")
public record DocumentInput(@Id @NonNull String workspaceId, @NonNull String title, String content, List<String> tags,
                            @Id @Description("Parent document in the same workspace; omit for a root document.") String parentId) {
}

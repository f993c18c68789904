package app.knowledgenetwork.knowledgeapi.documents;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;

@org.eclipse.microprofile.graphql.Input("DocumentChanges")
@Description("Fields to change; omitted fields keep their value.")
public record DocumentChanges(String title, String content, List<String> tags) {
}

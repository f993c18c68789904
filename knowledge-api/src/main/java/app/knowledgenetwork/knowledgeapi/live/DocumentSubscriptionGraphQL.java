package app.knowledgenetwork.knowledgeapi.live;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@GraphQLApi
public class DocumentSubscriptionGraphQL {
    private final DocumentLiveUpdates live;
    private final Caller caller;

    public DocumentSubscriptionGraphQL(DocumentLiveUpdates live, Caller caller) {
        this.live = live;
        this.caller = caller;
    }

    @Subscription
    @Description("The document now, then again after every committed change (update, move, archive/unarchive, trash/restore, version restore), "
            + "from whichever replica made it (VIEWER). Completes when the document is purged; ends with NOT_FOUND when you may no longer read it. "
            + "Over WebSocket at /graphql (graphql-transport-ws or graphql-ws); the access token goes in the connection_init payload "
            + "as {\"Authorization\": \"Bearer <token>\"} or in the Authorization header of the upgrade request.")
    // Nullable on purpose: the event that ends a stream with an error (NOT_FOUND) carries no document.
    public Multi<DocumentView> documentChanged(@NonNull @Id @Name("id") String id) {
        return live.follow(caller.userId(), Ids.parse(id, "Document"));
    }
}

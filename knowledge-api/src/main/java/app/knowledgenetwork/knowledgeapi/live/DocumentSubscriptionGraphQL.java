package app.knowledgenetwork.knowledgeapi.live;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.AccessRevocations;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@GraphQLApi
public class DocumentSubscriptionGraphQL {
    private final DocumentLiveUpdates live;
    private final Caller caller;
    private final AccessRevocations revocations;

    public DocumentSubscriptionGraphQL(DocumentLiveUpdates live, Caller caller, AccessRevocations revocations) {
        this.live = live;
        this.caller = caller;
        this.revocations = revocations;
    }

    @Subscription
    @Description("The document now, then again after every committed change (update, move, archive/unarchive, trash/restore, version restore), "
            + "from whichever replica made it (VIEWER). Completes when the document is purged; ends with NOT_FOUND when you may no longer read it, and with UNAUTHENTICATED when the access token it was opened with expires or is revoked. "
            + "Over WebSocket at /graphql (graphql-transport-ws or graphql-ws); the access token goes in the connection_init payload "
            + "as {\"Authorization\": \"Bearer <token>\"} or in the Authorization header of the upgrade request.")
    // Nullable on purpose: the event that ends a stream with an error (NOT_FOUND) carries no document.
    public Multi<DocumentView> documentChanged(@NonNull @Id @Name("id") String id) {
        UUID userId = caller.userId();
        Instant expires = caller.tokenExpiresAt();
        long issued = caller.tokenIssuedAtMillis();
        // A stream outlives the request that opened it: it ends when the token it was opened with stops being valid.
        Supplier<String> ended = () -> {
            if (!Instant.now().isBefore(expires)) {
                return "The access token this subscription was opened with has expired: subscribe again with a fresh one";
            }
            return revocations.revoked(userId.toString(), issued)
                    ? "The access token this subscription was opened with was revoked: sign in again" : null;
        };
        return live.follow(userId, Ids.parse(id, "Document"), ended);
    }
}

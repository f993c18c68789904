package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.documents.DocumentVersionView.DocumentVersionConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class DocumentGraphQL {
    private final Documents documents;
    private final WorkspaceGraphs workspaceGraphs;
    private final Caller caller;

    public DocumentGraphQL(Documents documents, WorkspaceGraphs workspaceGraphs, Caller caller) {
        this.documents = documents;
        this.workspaceGraphs = workspaceGraphs;
        this.caller = caller;
    }

    private static java.util.UUID doc(String id) {
        return Ids.parse(id, "Document");
    }

    @Query
    @Description("A document in one of the caller's workspaces; anything else is NOT_FOUND.")
    public @NonNull Uni<DocumentView> document(@NonNull @Id @Name("id") String id) {
        UUID userId = caller.userId();
        UUID documentId = doc(id);
        return cachedElseDatabase(documents.cached(userId, documentId), () -> documents.get(userId, documentId));
    }

    @Query
    @Description("Documents of a workspace with the given status (default ACTIVE), optionally only the children of parentId. 'first' is 1..100 (default 20).")
    public @NonNull Uni<DocumentConnection> documents(@NonNull @Id @Name("workspaceId") String workspaceId, @Id @Name("parentId") String parentId,
                                                      @Name("status") DocumentStatus status, @Name("first") Integer first, @Name("after") String after) {
        UUID userId = caller.userId();
        UUID workspace = Ids.parse(workspaceId, "Workspace");
        return cachedElseDatabase(documents.cachedList(userId, workspace, parentId, status, first, after),
                () -> documents.list(userId, workspace, parentId, status, first, after));
    }

    /**
     * The hot reads: answered on the event loop from Redis (the item and the caller's cached role, no thread hand-off);
     * a miss goes to a worker, where PostgreSQL is read in a transaction (it also gives the read its Hibernate session,
     * which a worker outside the request lacks).
     */
    private static <T> Uni<T> cachedElseDatabase(Uni<T> cached, Callable<T> database) {
        return cached.onItem().ifNull().switchTo(() -> Uni.createFrom()
                .item(() -> QuarkusTransaction.requiringNew().call(database))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @Query
    @Description("One saved version of a document.")
    public @NonNull DocumentVersionView documentVersion(@NonNull @Id @Name("id") String id, @NonNull @Name("revision") int revision) {
        return documents.version(caller.userId(), doc(id), revision);
    }

    @Query
    @Description("The knowledge network around rootId: documents within 'depth' links (0..3, either direction) and the links between them.")
    public @NonNull GraphView graph(@NonNull @Id @Name("workspaceId") String workspaceId, @NonNull @Id @Name("rootId") String rootId,
                                    @DefaultValue("1") @Name("depth") int depth) {
        return documents.graph(caller.userId(), Ids.parse(workspaceId, "Workspace"), doc(rootId), depth);
    }

    @Query
    @Description("The whole knowledge network of a workspace, for drawing it: its documents outside the trash and every link between them, in one request. At most 'first' documents (1..2000, default 500), the most linked first; documentCount says how many there are in all.")
    public @NonNull WorkspaceGraphView workspaceGraph(@NonNull @Id @Name("workspaceId") String workspaceId, @Name("first") Integer first) {
        return workspaceGraphs.graph(caller.userId(), Ids.parse(workspaceId, "Workspace"), first);
    }

    @Description("Documents whose content links to this one, by title: at most 'first' (1..100, default 50). Batched for a whole page of documents.")
    public List<@NonNull List<@NonNull DocumentView>> backlinks(@Source List<DocumentView> sources, @Name("first") Integer first) {
        return sources.isEmpty() ? List.of() : documents.linked(caller.userId(), sources, true, first);
    }

    @Description("Documents this one links to, by title: at most 'first' (1..100, default 50). Batched for a whole page of documents.")
    public List<@NonNull List<@NonNull DocumentView>> links(@Source List<DocumentView> sources, @Name("first") Integer first) {
        return sources.isEmpty() ? List.of() : documents.linked(caller.userId(), sources, false, first);
    }

    @Description("Saved versions, newest first: the latest 200 are kept (KN_DOCUMENT_VERSIONS_KEPT), older ones are deleted as new ones are saved. 'first' is 1..100 (default 20).")
    public @NonNull DocumentVersionConnection versions(@Source DocumentView document, @Name("first") Integer first,
                                                                         @Name("after") String after) {
        return documents.versions(caller.userId(), doc(document.id()), first, after);
    }

    @Mutation
    @Description("Creates a document (EDITOR).")
    public @NonNull DocumentView createDocument(@NonNull @Name("input") DocumentInput input) {
        return documents.create(caller.userId(), input);
    }

    @Mutation
    @Description("Changes title, content and/or tags (EDITOR). A stale expectedRevision is a CONFLICT.")
    public @NonNull DocumentView updateDocument(@NonNull @Id @Name("id") String id, @NonNull @Name("expectedRevision") int expectedRevision,
                                                @NonNull @Name("changes") DocumentChanges changes) {
        return documents.update(caller.userId(), doc(id), expectedRevision, changes);
    }

    @Mutation
    @Description("Moves a document under another parent in its workspace, or to the root when parentId is null (EDITOR).")
    public @NonNull DocumentView moveDocument(@NonNull @Id @Name("id") String id, @NonNull @Name("expectedRevision") int expectedRevision,
                                              @Id @Name("parentId") String parentId) {
        return documents.move(caller.userId(), doc(id), expectedRevision, parentId);
    }

    @Mutation
    @Description("Archives a document: read-only and out of the default listing (EDITOR).")
    public @NonNull DocumentView archiveDocument(@NonNull @Id @Name("id") String id, @Name("expectedRevision") Integer expectedRevision) {
        return documents.setArchived(caller.userId(), doc(id), expectedRevision, true);
    }

    @Mutation
    @Description("Brings an archived document back (EDITOR).")
    public @NonNull DocumentView unarchiveDocument(@NonNull @Id @Name("id") String id, @Name("expectedRevision") Integer expectedRevision) {
        return documents.setArchived(caller.userId(), doc(id), expectedRevision, false);
    }

    @Mutation
    @Description("Moves a document to the trash (EDITOR). Its links stop counting until it is restored.")
    public @NonNull DocumentView trashDocument(@NonNull @Id @Name("id") String id, @Name("expectedRevision") Integer expectedRevision) {
        return documents.setTrashed(caller.userId(), doc(id), expectedRevision, true);
    }

    @Mutation
    @Description("Takes a document out of the trash (EDITOR).")
    public @NonNull DocumentView restoreDocument(@NonNull @Id @Name("id") String id, @Name("expectedRevision") Integer expectedRevision) {
        return documents.setTrashed(caller.userId(), doc(id), expectedRevision, false);
    }

    @Mutation
    @Description("Deletes a trashed document for good, with its versions (EDITOR). Its children become root documents.")
    public boolean purgeDocument(@NonNull @Id @Name("id") String id) {
        return documents.purge(caller.userId(), doc(id));
    }

    @Mutation
    @Description("Makes an old version current again, as a new revision (EDITOR).")
    public @NonNull DocumentView restoreDocumentVersion(@NonNull @Id @Name("id") String id, @NonNull @Name("revision") int revision,
                                                        @NonNull @Name("expectedRevision") int expectedRevision) {
        return documents.restoreVersion(caller.userId(), doc(id), revision, expectedRevision);
    }
}

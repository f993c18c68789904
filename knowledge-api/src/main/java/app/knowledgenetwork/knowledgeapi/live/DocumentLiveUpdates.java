package app.knowledgenetwork.knowledgeapi.live;

import app.knowledgenetwork.knowledgeapi.documents.Document;
import app.knowledgenetwork.knowledgeapi.documents.DocumentChanged;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import app.knowledgenetwork.knowledgeapi.documents.Documents;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The stream behind the documentChanged subscription: the document as it is now, then again after every committed
 * change, read with the subscriber's own rights each time. Changes that arrive while a read is under way collapse
 * into one read of the latest state, and a state equal to the last one sent is not sent again. The stream completes
 * when the document is purged and ends with NOT_FOUND once the subscriber may no longer read it.
 */
@ApplicationScoped
public class DocumentLiveUpdates {
    /** How long a new subscription waits for this replica's change feed before going on without it. */
    private static final Duration FEED_WAIT = Duration.ofSeconds(3);
    /** How often an open stream checks that the token it was opened with is still valid. */
    private static final Duration TOKEN_CHECK = Duration.ofSeconds(1);

    private final Documents documents;
    private final ChangeFeed feed;
    private final EntityManager em;

    public DocumentLiveUpdates(Documents documents, ChangeFeed feed, EntityManager em) {
        this.documents = documents;
        this.feed = feed;
        this.em = em;
    }

    /** @param ended checked every second: a reason the stream must end now (its token expired or was revoked), or null */
    public Multi<DocumentView> follow(UUID userId, UUID documentId, Supplier<String> ended) {
        AtomicReference<DocumentView> last = new AtomicReference<>();
        Multi<ChangeMessage> changes = Multi.createFrom().<ChangeMessage>emitter(emitter -> {
            Runnable stop = feed.listen(documentId, message -> {
                if (ChangeMessage.MEMBERSHIP.equals(message.kind()) && !inWorkspaceOf(last.get(), message.workspaceId())) {
                    return;
                }
                if (DocumentChanged.PURGED.equals(message.type())) {
                    emitter.complete();
                } else {
                    emitter.emit(message);
                }
            });
            Cancellable watch = Multi.createFrom().ticks().every(TOKEN_CHECK).subscribe().with(tick -> {
                String why = ended.get();
                if (why != null) {
                    emitter.fail(new Unauthenticated(why));
                }
            }, failure -> { });
            emitter.onTermination(() -> {
                stop.run();
                watch.cancel();
            });
            // Listening first, then reading: a change committed meanwhile is either in this read or comes after it.
            emitter.emit(ChangeMessage.resync());
        }, BackPressureStrategy.LATEST);
        return feed.ready().ifNoItem().after(FEED_WAIT).recoverWithItem((Void) null)
                .onItem().transformToMulti(ready -> changes)
                .onItem().transformToUniAndConcatenate(message -> read(userId, documentId, last.get() != null))
                .select().first(Optional::isPresent)
                .map(Optional::get)
                .select().where(view -> !view.equals(last.getAndSet(view)));
    }

    /**
     * The document as the subscriber may see it; empty once a document already sent has been purged (its purge
     * message may come after the read that finds it gone).
     */
    private Uni<Optional<DocumentView>> read(UUID userId, UUID documentId, boolean sentBefore) {
        return Uni.createFrom().item(() -> {
            try {
                // A worker thread without a request: the transaction gives the read its Hibernate session.
                return Optional.of(QuarkusTransaction.requiringNew().call(() -> documents.get(userId, documentId)));
            } catch (NotFound e) {
                if (sentBefore && !exists(documentId)) {
                    return Optional.<DocumentView>empty();
                }
                throw e;
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private boolean exists(UUID documentId) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(Document.class, documentId) != null);
    }

    private static boolean inWorkspaceOf(DocumentView view, String workspaceId) {
        return view == null || view.workspaceId().equals(workspaceId);
    }
}

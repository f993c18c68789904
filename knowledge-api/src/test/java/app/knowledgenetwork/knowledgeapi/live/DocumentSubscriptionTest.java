package app.knowledgenetwork.knowledgeapi.live;

import static app.knowledgenetwork.knowledgeapi.DocumentOps.UPDATE;
import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.addMember;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.createId;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.knowledgeapi.GqlWs;
import app.knowledgenetwork.knowledgeapi.cache.CacheConfig;
import app.knowledgenetwork.knowledgeapi.cache.DecodedCopies;
import app.knowledgenetwork.knowledgeapi.cache.EventLoopRedis;
import app.knowledgenetwork.knowledgeapi.cache.RedisCache;
import app.knowledgenetwork.knowledgeapi.documents.DocumentCache;
import app.knowledgenetwork.knowledgeapi.documents.DocumentChanged;
import app.knowledgenetwork.knowledgeapi.documents.DocumentChanges;
import app.knowledgenetwork.knowledgeapi.documents.DocumentListingCache;
import app.knowledgenetwork.knowledgeapi.documents.Documents;
import app.knowledgenetwork.knowledgeapi.workspaces.MembershipCache;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.mutiny.core.Vertx;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class DocumentSubscriptionTest {
    static final String SUBSCRIBE = "subscription($id: ID!) { documentChanged(id: $id) { id title content revision status parentId updatedBy { id } backlinks { id } commentCount } }";

    @Inject
    EntityManager em;
    @Inject
    app.knowledgenetwork.knowledgeapi.auth.SigningKeys keys;
    @ConfigProperty(name = "kn.auth.issuer")
    String issuer;
    @ConfigProperty(name = "kn.auth.audience")
    String audience;
    @Inject
    ObjectMapper json;
    @Inject
    Documents documents;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    CacheConfig cacheConfig;
    @Inject
    Vertx vertx;
    @Inject
    Instance<TlsConfigurationRegistry> tls;
    @Inject
    @RedisClientName("other-replica")
    ReactiveRedisDataSource otherReplicaRedis;
    @ConfigProperty(name = "kn.redis.key-prefix")
    String keyPrefix;

    @Test
    void aSubscriberSeesTheDocumentThenEveryCommittedChangeUntilItIsPurged() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        String parent = createId(owner, ws, "Parent", "");
        String id = createId(owner, ws, "Live", "first");

        try (GqlWs socket = GqlWs.connect(viewer.accessToken())) {
            socket.subscribe("1", SUBSCRIBE, Map.of("id", id));
            JsonNode now = document(socket.nextPayload("1"));
            assertEquals(1, now.path("revision").asInt(), now.toString());
            assertEquals("first", now.path("content").asText());

            assertNull(call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "second")).get("errors"));
            JsonNode updated = document(socket.nextPayload("1"));
            assertEquals(2, updated.path("revision").asInt(), updated.toString());
            assertEquals("second", updated.path("content").asText());
            assertEquals(owner.userId(), updated.path("updatedBy").path("id").asText());

            // A refused change (stale revision) sends nothing: the next event is the next real change.
            assertEquals("CONFLICT", Gql.errorCode(call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "lost"))));
            call(owner.accessToken(), "mutation($id: ID!, $p: ID) { moveDocument(id: $id, expectedRevision: 2, parentId: $p) { id } }", "id", id, "p", parent);
            JsonNode moved = document(socket.nextPayload("1"));
            assertEquals(parent, moved.path("parentId").asText(), moved.toString());
            assertEquals(3, moved.path("revision").asInt());

            for (String[] step : new String[][] {{"archiveDocument", "ARCHIVED"}, {"unarchiveDocument", "ACTIVE"}, {"trashDocument", "TRASHED"},
                    {"restoreDocument", "ACTIVE"}}) {
                JsonPath r = call(owner.accessToken(), "mutation($id: ID!) { " + step[0] + "(id: $id) { status } }", "id", id);
                assertNull(r.get("errors"), r.prettify());
                JsonNode event = document(socket.nextPayload("1"));
                assertEquals(step[1], event.path("status").asText(), step[0] + ": " + event);
            }

            // Purging the parent makes this a root document: that is a change too.
            call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", parent);
            assertEquals(Boolean.TRUE, call(owner.accessToken(), "mutation($id: ID!) { purgeDocument(id: $id) }", "id", parent).get("data.purgeDocument"));
            JsonNode orphaned = document(socket.nextPayload("1"));
            assertTrue(orphaned.path("parentId").isNull(), orphaned.toString());

            call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", id);
            assertEquals("TRASHED", document(socket.nextPayload("1")).path("status").asText());
            call(owner.accessToken(), "mutation($id: ID!) { purgeDocument(id: $id) }", "id", id);
            assertEquals("1", socket.expect("complete").path("id").asText());
        }
    }

    @Test
    void aChangeCommittedOnAnotherReplicaReachesTheSubscriber() {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        String id = createId(owner, ws, "Shared", "from here");
        assertEquals("Shared", call(owner.accessToken(), "query($id: ID!) { document(id: $id) { title } }", "id", id).getString("data.document.title"));

        try (GqlWs socket = GqlWs.connectWithHeader(owner.accessToken())) {
            socket.subscribe("s", SUBSCRIBE, Map.of("id", id));
            assertEquals("Shared", document(socket.nextPayload("s")).path("title").asText());

            // Another replica commits a change and announces it with its own relay and its own Redis connection.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "UPDATE document SET title = 'Shared (edited elsewhere)', revision = revision + 1 WHERE id = ?1")
                    .setParameter(1, UUID.fromString(id)).executeUpdate());
            RedisCache otherCache = new RedisCache(new EventLoopRedis(vertx, tls), vertx, cacheConfig, keyPrefix, new SimpleMeterRegistry());
            DecodedCopies otherCopies = new DecodedCopies(cacheConfig);
            ChangeRelay otherReplica = new ChangeRelay(new DocumentCache(otherCache, json, otherCopies),
                    new DocumentListingCache(otherCache, json, otherCopies, cacheConfig),
                    new MembershipCache(otherCache), otherReplicaRedis, json, keyPrefix);
            otherReplica.announce(new DocumentChanged(UUID.fromString(id), UUID.fromString(ws), "DocumentUpdated", 2));

            JsonNode event = document(socket.nextPayload("s"));
            assertEquals("Shared (edited elsewhere)", event.path("title").asText(), event.toString());
            assertEquals(2, event.path("revision").asInt());
            // Its relay also dropped the cached document, so a plain read here sees the change too.
            assertEquals("Shared (edited elsewhere)",
                    call(owner.accessToken(), "query($id: ID!) { document(id: $id) { title } }", "id", id).getString("data.document.title"));
        }
    }

    @Test
    void strangersAndAnonymousCallersCannotSubscribe() {
        Session owner = Gql.newUser("owner");
        Session stranger = Gql.newUser("stranger");
        String id = createId(owner, workspace(owner), "Private", "secret");

        try (GqlWs socket = GqlWs.connect(stranger.accessToken())) {
            socket.subscribe("x", SUBSCRIBE, Map.of("id", id));
            assertEquals("NOT_FOUND", errorCode(socket.next()));
            socket.subscribe("y", SUBSCRIBE, Map.of("id", UUID.randomUUID().toString()));
            assertEquals("NOT_FOUND", errorCode(nextOf(socket, "y")));
        }
        try (GqlWs socket = GqlWs.connect(null)) {
            socket.subscribe("z", SUBSCRIBE, Map.of("id", id));
            assertEquals("UNAUTHENTICATED", errorCode(socket.next()));
        }
        try (GqlWs socket = GqlWs.open(owner.accessToken() + "x")) {
            JsonNode closed = socket.expect("closed");
            assertEquals(4403, closed.path("code").asInt(), "a bad token closes the socket: " + closed);
        }
        assertEquals(401, GqlWs.refusedUpgradeStatus(owner.accessToken() + "x"));
    }

    @Test
    void aRemovedMemberStopsReceiving() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        String id = createId(owner, ws, "Team plan", "v1");

        try (GqlWs socket = GqlWs.connect(viewer.accessToken())) {
            socket.subscribe("1", SUBSCRIBE, Map.of("id", id));
            assertEquals("v1", document(socket.nextPayload("1")).path("content").asText());

            JsonPath removed = call(owner.accessToken(), "mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }", "w", ws, "u", viewer.userId());
            assertNull(removed.get("errors"), removed.prettify());
            JsonNode end = socket.next();
            assertEquals("NOT_FOUND", errorCode(end), end.toString());
            assertEquals("complete", socket.expect("complete").path("type").asText());

            assertNull(call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "v2 (members only)")).get("errors"));
            // The stream is over: the update made after the removal is not sent. A change of the viewer's own document,
            // made after it, arrives on the same socket with nothing of the old stream before it.
            String own = createId(viewer, workspace(viewer), "Mine", "m1");
            socket.subscribe("2", SUBSCRIBE, Map.of("id", own));
            assertEquals("m1", document(socket.nextPayload("2")).path("content").asText());
            call(viewer.accessToken(), UPDATE, "id", own, "rev", 1, "ch", Map.of("content", "m2"));
            assertEquals("m2", document(socket.nextPayload("2")).path("content").asText());
        }
    }

    @Test
    void aStreamEndsWhenItsTokenIsRevoked() {
        Session owner = Gql.newUser("owner");
        String id = createId(owner, workspace(owner), "Revoked", "v1");
        try (GqlWs socket = GqlWs.connect(owner.accessToken())) {
            socket.subscribe("1", SUBSCRIBE, Map.of("id", id));
            assertEquals("v1", document(socket.nextPayload("1")).path("content").asText());
            call(owner.accessToken(), "mutation { logoutEverywhere }");
            JsonNode end = socket.next();
            assertEquals("UNAUTHENTICATED", errorCode(end), end.toString());
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Session owner = Gql.newUser("owner");
        String id = createId(owner, workspace(owner), "Short-lived", "v1");
        String shortLived = io.smallrye.jwt.build.Jwt.issuer(issuer).audience(audience).subject(owner.userId()).groups(java.util.Set.of("USER"))
                .claim("amr", List.of("pwd")).expiresAt(java.time.Instant.now().plusSeconds(4))
                .jws().keyId(keys.keyId()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(keys.keyPair().getPrivate());
        try (GqlWs socket = GqlWs.connect(shortLived)) {
            socket.subscribe("1", SUBSCRIBE, Map.of("id", id));
            assertEquals("v1", document(socket.nextPayload("1")).path("content").asText());
            JsonNode end = socket.next();
            assertEquals("UNAUTHENTICATED", errorCode(end), end.toString());
            assertTrue(end.toString().contains("expired"), end.toString());
        }
    }

    @Test
    void aRolledBackChangeIsNeitherAnnouncedNorLeftInTheCache() throws Exception {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        String id = createId(owner, ws, "Careful", "committed");
        String sentinel = createId(owner, ws, "Sentinel", "");
        BlockingQueue<ChangeMessage> heard = new LinkedBlockingQueue<>();
        var listening = redis.pubsub(String.class)
                .subscribe(List.of(ChangeMessage.channel(keyPrefix)), text -> heard.add(decode(text))).await().atMost(GqlWs.WAIT);
        try {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                documents.update(UUID.fromString(owner.userId()), UUID.fromString(id), 1, new DocumentChanges(null, "never committed", null));
                // Read inside the failing transaction: this fills the cache with what is about to be rolled back.
                assertEquals("never committed", documents.get(UUID.fromString(owner.userId()), UUID.fromString(id)).content());
                throw new IllegalStateException("the change fails after it was made");
            }));
            assertEquals("committed", call(owner.accessToken(), "query($id: ID!) { document(id: $id) { content } }", "id", id)
                    .getString("data.document.content"));

            // Announcements go out in commit order on one channel: once the sentinel's is heard, the rolled-back one would have been too.
            assertNull(call(owner.accessToken(), UPDATE, "id", sentinel, "rev", 1, "ch", Map.of("content", "after")).get("errors"));
            while (true) {
                ChangeMessage message = heard.poll(GqlWs.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(message, "the sentinel's change was not announced");
                assertNotEquals(id, message.id(), "a rolled-back change was announced: " + message);
                if (sentinel.equals(message.id())) {
                    break;
                }
            }
        } finally {
            listening.unsubscribe().await().atMost(GqlWs.WAIT);
        }
    }

    private ChangeMessage decode(String text) {
        try {
            return ChangeMessage.decode(json, text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The document of an event, which must carry no error (nested fields such as backlinks included). */
    private static JsonNode document(JsonNode payload) {
        assertTrue(payload.path("errors").isMissingNode(), payload.toString());
        JsonNode document = payload.path("data").path("documentChanged");
        assertTrue(document.path("backlinks").isArray(), payload.toString());
        return document;
    }

    private static JsonNode nextOf(GqlWs socket, String operationId) {
        while (true) {
            JsonNode message = socket.next();
            if (operationId.equals(message.path("id").asText()) && !"complete".equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    /** extensions.code of the first error, whether sent as "next" with errors or as "error". */
    private static String errorCode(JsonNode message) {
        JsonNode payload = message.path("payload");
        JsonNode first = payload.isArray() ? payload.path(0) : payload.path("errors").path(0);
        return first.path("extensions").path("code").asText(null);
    }
}

package app.knowledgenetwork.collabwebsocket;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The knowledge schema, a workspace with an owner, and clients closed after each test. */
public abstract class CollabTestBase {
    @Inject
    protected DataSource db;
    @Inject
    protected RedisDataSource redis;
    @Inject
    protected Vertx vertx;
    @ConfigProperty(name = "kn.redis.key-prefix")
    protected String keyPrefix;
    @TestHTTPResource("/")
    protected URI base;

    protected Fixtures fixtures;
    protected UUID owner;
    protected UUID workspace;
    private final List<CollabClient> clients = new ArrayList<>();

    @BeforeEach
    void schemaAndWorkspace() {
        KnowledgeSchema.migrate(db);
        fixtures = new Fixtures(db, redis, keyPrefix);
        owner = fixtures.user("Olivia Owner");
        workspace = fixtures.workspace(owner);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CollabClient::close);
        clients.clear();
    }

    protected CollabClient join(UUID document, UUID user) {
        return track(CollabClient.join(vertx, base, document, TestTokens.valid(user)));
    }

    protected CollabClient connect(UUID document) {
        return track(CollabClient.connect(vertx, base, document));
    }

    private CollabClient track(CollabClient c) {
        clients.add(c);
        return c;
    }

    protected UUID member(String role) {
        UUID user = fixtures.user(role.toLowerCase() + " member");
        fixtures.member(workspace, user, role);
        return user;
    }
}

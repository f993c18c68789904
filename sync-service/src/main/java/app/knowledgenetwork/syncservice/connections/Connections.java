package app.knowledgenetwork.syncservice.connections;

import app.knowledgenetwork.common.secrets.SecretBox;
import app.knowledgenetwork.syncservice.access.Caller;
import app.knowledgenetwork.syncservice.clients.ConnectorFailure;
import app.knowledgenetwork.syncservice.clients.DatabaseCheck;
import app.knowledgenetwork.syncservice.clients.KeepCredentials;
import app.knowledgenetwork.syncservice.clients.NotionWriter;
import app.knowledgenetwork.syncservice.errors.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Connections: created, edited, listed and deleted by their owner (or a platform ADMIN). The Notion
 * database is checked through notion-writer before anything is saved, so a connection that cannot
 * write is refused with the reason instead of failing at its first job.
 */
@ApplicationScoped
public class Connections {

    static final String NOTION_TOKEN = "notion-token";
    static final String REFRESH_TOKEN = "keep-refresh-token";
    private static final Set<String> CREDENTIAL_TYPES = Set.of("SERVICE_ACCOUNT", "REFRESH_TOKEN");

    private final ConnectionStore store;
    private final SecretBox secrets;
    private final NotionWriter notion;

    public Connections(ConnectionStore store, SecretBox secrets, NotionWriter notion) {
        this.store = store;
        this.secrets = secrets;
        this.notion = notion;
    }

    public ConnectionView create(Caller caller, ConnectionRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("send the connection as JSON");
        }
        UUID id = UUID.randomUUID();
        require(request.notionToken(), "notionToken is required: the token of the Notion integration the database is shared with");
        Connection connection = validated(id, caller.userId(), request, null);
        DatabaseCheck check = checkDatabase(connection.notionDatabaseId(), request.notionToken());
        store.insert(connection);
        return ConnectionView.of(connection, check.title());
    }

    public ConnectionView update(Caller caller, UUID id, ConnectionRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("send the connection as JSON");
        }
        Connection existing = owned(caller, id);
        Connection connection = validated(id, existing.ownerId(), request, existing);
        DatabaseCheck check = checkDatabase(connection.notionDatabaseId(), notionToken(connection));
        store.update(connection);
        return ConnectionView.of(store.find(id).orElseThrow(), check.title());
    }

    public ConnectionView get(Caller caller, UUID id) {
        return ConnectionView.of(owned(caller, id), null);
    }

    public List<ConnectionView> list(Caller caller) {
        return store.list(caller.admin() ? null : caller.userId()).stream().map(c -> ConnectionView.of(c, null)).toList();
    }

    public void delete(Caller caller, UUID id) {
        owned(caller, id);
        store.delete(id);
    }

    /** The connection if the caller may manage it; otherwise 404, so that others' connections stay invisible. */
    public Connection owned(Caller caller, UUID id) {
        return store.find(id).filter(c -> caller.mayManage(c.ownerId()))
                .orElseThrow(() -> ApiProblem.notFound("connection " + id));
    }

    public String notionToken(Connection connection) {
        return secrets.open(connection.sealedNotionToken(), Connection.secretContext(connection.id(), NOTION_TOKEN));
    }

    public KeepCredentials keepCredentials(Connection connection) {
        if ("REFRESH_TOKEN".equals(connection.keepCredentialsType())) {
            return new KeepCredentials("REFRESH_TOKEN", null,
                    secrets.open(connection.sealedRefreshToken(), Connection.secretContext(connection.id(), REFRESH_TOKEN)));
        }
        return new KeepCredentials("SERVICE_ACCOUNT", connection.keepSubject(), null);
    }

    private DatabaseCheck checkDatabase(String databaseId, String token) {
        try {
            return notion.check(databaseId, token);
        } catch (ConnectorFailure e) {
            if (e.retryable()) {
                throw new ApiProblem(503, "Notion database could not be checked",
                        "The connection was not saved: " + e.describe() + ". Try again in a moment.");
            }
            throw new ApiProblem(422, e.title(), e.getMessage());
        }
    }

    private Connection validated(UUID id, String ownerId, ConnectionRequest r, Connection existing) {
        String name = r.name() == null || r.name().isBlank() ? "Keep to Notion" : r.name().strip();
        if (name.length() > 200) {
            throw ApiProblem.badRequest("name is longer than 200 characters");
        }
        if (r.sourceType() == null) {
            throw ApiProblem.badRequest("sourceType is required: KEEP_API or TAKEOUT");
        }
        String credentialsType = null;
        String subject = null;
        String sealedRefresh = null;
        if (r.sourceType() == SourceType.KEEP_API) {
            credentialsType = r.keepCredentialsType();
            if (credentialsType == null || !CREDENTIAL_TYPES.contains(credentialsType)) {
                throw ApiProblem.badRequest("keepCredentialsType must be SERVICE_ACCOUNT or REFRESH_TOKEN for a KEEP_API source");
            }
            if (credentialsType.equals("SERVICE_ACCOUNT")) {
                require(r.keepSubject(), "keepSubject is required for SERVICE_ACCOUNT: the Workspace user whose notes are read");
                if (!r.keepSubject().contains("@")) {
                    throw ApiProblem.badRequest("keepSubject must be the Workspace user's email address");
                }
                subject = r.keepSubject().strip();
            } else if (r.keepRefreshToken() != null && !r.keepRefreshToken().isBlank()) {
                sealedRefresh = secrets.seal(r.keepRefreshToken().strip(), Connection.secretContext(id, REFRESH_TOKEN));
            } else if (existing != null && existing.sealedRefreshToken() != null) {
                sealedRefresh = existing.sealedRefreshToken();
            } else {
                throw ApiProblem.badRequest("keepRefreshToken is required for REFRESH_TOKEN: the user's Google refresh token");
            }
        }
        require(r.notionDatabaseId(), "notionDatabaseId is required: the Notion database the notes go to");
        String databaseId = r.notionDatabaseId().strip();
        if (!databaseId.matches("[A-Za-z0-9-]{32,36}")) {
            throw ApiProblem.badRequest("notionDatabaseId must be a Notion database id (32 hex digits, with or without dashes); "
                    + "copy it from the database's link");
        }
        String sealedNotion = r.notionToken() != null && !r.notionToken().isBlank()
                ? secrets.seal(r.notionToken().strip(), Connection.secretContext(id, NOTION_TOKEN))
                : existing.sealedNotionToken();
        Integer schedule = r.scheduleMinutes();
        if (schedule != null && (schedule < 5 || schedule > 7 * 24 * 60)) {
            throw ApiProblem.badRequest("scheduleMinutes must be between 5 and 10080 (a week), or absent for runs by hand only");
        }
        boolean enabled = r.enabled() == null || r.enabled();
        Instant nextRun = schedule == null ? null
                : existing != null && existing.nextRunAt() != null && schedule.equals(existing.scheduleMinutes())
                        ? existing.nextRunAt()
                        : Instant.now().plus(Duration.ofMinutes(schedule));
        return new Connection(id, ownerId, name, r.sourceType(), credentialsType, subject, sealedRefresh, databaseId, sealedNotion,
                schedule, enabled, nextRun, existing == null ? null : existing.createdAt(), null);
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(message);
        }
    }
}

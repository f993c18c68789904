package app.knowledgenetwork.syncservice.connections;

import java.time.Instant;
import java.util.UUID;

/** A connection as the API shows it: never a token, only whether one is stored. */
public record ConnectionView(
        UUID id,
        String ownerId,
        String name,
        SourceType sourceType,
        String keepCredentialsType,
        String keepSubject,
        boolean keepRefreshTokenStored,
        String notionDatabaseId,
        String notionDatabaseTitle,
        boolean notionTokenStored,
        Integer scheduleMinutes,
        boolean enabled,
        Instant nextRunAt,
        Instant createdAt,
        Instant updatedAt) {

    static ConnectionView of(Connection c, String databaseTitle) {
        return new ConnectionView(c.id(), c.ownerId(), c.name(), c.sourceType(), c.keepCredentialsType(), c.keepSubject(),
                c.sealedRefreshToken() != null, c.notionDatabaseId(), databaseTitle, c.sealedNotionToken() != null,
                c.scheduleMinutes(), c.enabled(), c.nextRunAt(), c.createdAt(), c.updatedAt());
    }
}

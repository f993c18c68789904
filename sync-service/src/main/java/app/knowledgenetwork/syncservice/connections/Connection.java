package app.knowledgenetwork.syncservice.connections;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's link from a Keep source to a Notion database, as stored: the two tokens sealed.
 *
 * @param keepCredentialsType SERVICE_ACCOUNT or REFRESH_TOKEN for a Keep API source; null for Takeout
 * @param sealedRefreshToken  the user's Google refresh token, sealed; null unless REFRESH_TOKEN
 * @param sealedNotionToken   the Notion integration token, sealed
 * @param scheduleMinutes     minutes between scheduled runs; null: by hand only
 */
public record Connection(
        UUID id,
        String ownerId,
        String name,
        SourceType sourceType,
        String keepCredentialsType,
        String keepSubject,
        String sealedRefreshToken,
        String notionDatabaseId,
        String sealedNotionToken,
        Integer scheduleMinutes,
        boolean enabled,
        Instant nextRunAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The context a sealed token of this connection is bound to. */
    public static String secretContext(UUID connectionId, String field) {
        return "connection:" + connectionId + ":" + field;
    }
}

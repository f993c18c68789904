package app.knowledgenetwork.syncservice.connections;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection as a user creates or edits it. On an edit, absent tokens keep the stored ones. */
@Schema(description = "A Keep to Notion connection. Tokens are write-only: they are stored encrypted and never shown again.")
public record ConnectionRequest(
        @Schema(description = "A name for the user", example = "My Keep") String name,
        @Schema(description = "KEEP_API or TAKEOUT") SourceType sourceType,
        @Schema(description = "For KEEP_API: SERVICE_ACCOUNT (domain-wide delegation) or REFRESH_TOKEN") String keepCredentialsType,
        @Schema(description = "For SERVICE_ACCOUNT: the Workspace user whose notes are read") String keepSubject,
        @Schema(description = "For REFRESH_TOKEN: the user's Google refresh token (write-only)") String keepRefreshToken,
        @Schema(description = "The Notion database the notes go to") String notionDatabaseId,
        @Schema(description = "The Notion integration token, shared with the database (write-only)") String notionToken,
        @Schema(description = "Minutes between scheduled runs (at least 5); absent: by hand only") Integer scheduleMinutes,
        @Schema(description = "Scheduled runs happen only while enabled (default true)") Boolean enabled) {

    @Override
    public String toString() {
        return "ConnectionRequest[" + name + ", " + sourceType + ", " + notionDatabaseId + "]";
    }
}

package app.knowledgenetwork.collabwebsocket.access;

import java.time.Instant;
import java.util.UUID;

/** Who an access token says the caller is, and until when it may be used. */
public record VerifiedToken(UUID userId, Instant expiresAt) {
}

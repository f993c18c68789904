package app.knowledgenetwork.syncservice.clients;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How keep-extractor signs in to the Keep API for a connection: {@code SERVICE_ACCOUNT} with the
 * Workspace user it impersonates, or {@code REFRESH_TOKEN} with the user's token (opened from its
 * sealed copy only for the request).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeepCredentials(String type, String subject, String refreshToken) {

    @Override
    public String toString() {
        return "KeepCredentials[" + type + (subject == null ? "" : ", " + subject) + "]";
    }
}

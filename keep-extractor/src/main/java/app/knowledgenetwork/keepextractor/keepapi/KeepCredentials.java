package app.knowledgenetwork.keepextractor.keepapi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Whose notes to read and how to authenticate: the configured service account impersonating a
 * Workspace user (domain-wide delegation), or a user's own OAuth refresh token (which sync-service
 * keeps encrypted and hands over for the run).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = KeepCredentials.ServiceAccount.class, name = "SERVICE_ACCOUNT"),
        @JsonSubTypes.Type(value = KeepCredentials.RefreshToken.class, name = "REFRESH_TOKEN")})
public sealed interface KeepCredentials {

    /** @param subject the Workspace user's e-mail, as the JWT's {@code sub} */
    record ServiceAccount(String subject) implements KeepCredentials {
        @Override
        public String toString() {
            return "ServiceAccount[subject=" + subject + "]";
        }
    }

    /** @param refreshToken the user's OAuth refresh token; never logged */
    record RefreshToken(String refreshToken) implements KeepCredentials {
        @Override
        public String toString() {
            return "RefreshToken[***]";
        }
    }
}

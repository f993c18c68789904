package app.knowledgenetwork.knowledgeapi.auth;

import org.eclipse.microprofile.graphql.Description;

@Description("Platform-wide role. ADMIN may administer users, and only with an MFA sign-in.")
public enum PlatformRole {
    USER,
    ADMIN
}

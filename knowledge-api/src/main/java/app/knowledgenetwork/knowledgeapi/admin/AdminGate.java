package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.errors.Forbidden;
import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * "Platform ADMIN operations require a token obtained with MFA." The role is read from the database, not from the
 * token, so a demoted admin loses access at once; the MFA proof is the token's amr (set by verifyMfa).
 */
@ApplicationScoped
public class AdminGate {
    public static final String ADMIN_REQUIRED = "ADMIN_REQUIRED";
    public static final String MFA_REQUIRED = "MFA_REQUIRED";
    /** RFC 8176: multiple factors were used; verifyMfa puts it in the amr of every token it issues. */
    static final String MFA = "mfa";

    private final Caller caller;
    private final EntityManager em;

    public AdminGate(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    /** The id of the calling admin; refuses anyone else. Call inside the operation's transaction. */
    public UUID requireAdmin() {
        UUID id = caller.userId();
        User user = em.find(User.class, id);
        if (user == null || user.disabledAt != null) {
            throw new Unauthenticated("The account of this token no longer exists or is disabled");
        }
        if (!user.isAdmin()) {
            throw new Forbidden("Only platform admins (platform role ADMIN) may do this", ADMIN_REQUIRED);
        }
        if (!caller.authenticationMethods().contains(MFA)) {
            throw new Forbidden("MFA required: platform admin operations need a session signed in with a second factor. "
                    + "Enable MFA (enrollMfa, confirmMfa) if it is off, log in again and complete verifyMfa, then retry with the new access token",
                    MFA_REQUIRED);
        }
        return id;
    }
}

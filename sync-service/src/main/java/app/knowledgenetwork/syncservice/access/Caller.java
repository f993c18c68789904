package app.knowledgenetwork.syncservice.access;

/**
 * Who is calling, from the knowledge-api access token.
 *
 * @param userId the knowledge-api user id (the token's subject)
 * @param admin  a platform ADMIN, who sees and manages every connection
 */
public record Caller(String userId, boolean admin) {

    public boolean mayManage(String ownerId) {
        return admin || userId.equals(ownerId);
    }
}

package app.knowledgenetwork.apigateway.console;

import app.knowledgenetwork.apigateway.console.ConsoleSessions.Session;
import app.knowledgenetwork.apigateway.console.KnowledgeApiIdentity.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** A console session with an access token valid for a while, renewed through knowledge-api when it has expired. */
@ApplicationScoped
public class SessionRefresh {

    private final ConsoleSessions sessions;
    private final KnowledgeApiIdentity identity;

    public SessionRefresh(ConsoleSessions sessions, KnowledgeApiIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    /** The live session of this id, fresh; empty when it ended or knowledge-api no longer renews it. */
    public Optional<Session> fresh(String id, String clientAddress) {
        return sessions.session(id).flatMap(s -> fresh(id, s, clientAddress));
    }

    Optional<Session> fresh(String id, Session session, String clientAddress) {
        if (!session.accessExpired()) {
            return Optional.of(session);
        }
        try {
            KnowledgeApiIdentity.Session renewed = identity.refresh(session.refreshToken(), clientAddress);
            Session updated = new Session(session.userId(), session.email(), session.csrf(), renewed.accessToken(),
                    Instant.now().plusSeconds(renewed.expiresIn()), renewed.refreshToken());
            sessions.save(id, updated);
            return Optional.of(updated);
        } catch (Refused refused) {
            sessions.end(id);
            return Optional.empty();
        }
    }
}

package app.knowledgenetwork.knowledgeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** Appends events to outbox_event inside the caller's transaction, so a change and its event commit together. */
@ApplicationScoped
public class Outbox {
    private final EntityManager em;
    private final ObjectMapper json;

    public Outbox(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String aggregateType, UUID aggregateId, String eventType, long revision, Map<String, Object> payload) {
        try {
            em.createNativeQuery("INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb))")
                    .setParameter(1, aggregateType)
                    .setParameter(2, aggregateId)
                    .setParameter(3, eventType)
                    .setParameter(4, revision)
                    .setParameter(5, json.writeValueAsString(payload))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

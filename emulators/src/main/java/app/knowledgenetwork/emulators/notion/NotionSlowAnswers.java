package app.knowledgenetwork.emulators.notion;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds back the answer of a request that a "slow" fault picked ({@link NotionFaults}): the request has
 * already been carried out when its answer waits here, which is what a client whose timeout fires
 * first cannot tell apart from a request that never arrived. For a fault that takes effect, the
 * successful answer is then replaced by the fault's error (a request refused anyway keeps its refusal).
 */
public class NotionSlowAnswers {

    private final NotionFaults faults;

    public NotionSlowAnswers(NotionFaults faults) {
        this.faults = faults;
    }

    @ServerResponseFilter
    public void holdBack(ContainerResponseContext response) {
        NotionFaults.HeldAnswer held = faults.takeHeldAnswer();
        if (held == null) {
            return;
        }
        if (held.delayMillis() > 0) {
            try {
                Thread.sleep(held.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (held.replacement() != null && response.getStatus() / 100 == 2) {
            Response error = held.replacement().toResponse();
            response.setStatus(error.getStatus());
            response.getHeaders().clear();
            error.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
            response.setEntity(error.getEntity(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }
}

package app.knowledgenetwork.emulators.notion;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds back the answer of a request that a "slow" fault picked ({@link NotionFaults}): the request has
 * already been carried out when its answer waits here, which is what a client whose timeout fires
 * first cannot tell apart from a request that never arrived.
 */
public class NotionSlowAnswers {

    private final NotionFaults faults;

    public NotionSlowAnswers(NotionFaults faults) {
        this.faults = faults;
    }

    @ServerResponseFilter
    public void holdBack(ContainerResponseContext response) {
        long millis = faults.takeHeldAnswer();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

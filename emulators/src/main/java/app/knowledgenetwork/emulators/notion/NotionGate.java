package app.knowledgenetwork.emulators.notion;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;

/**
 * What Notion checks before it looks at a request: the bearer token, the Notion-Version header and
 * the token's rate limit; then any failure a test has queued.
 */
@Singleton
public class NotionGate {

    /** The version the Notion SDK JVM sends; the emulator answers in its shapes. */
    static final String SUPPORTED_VERSION = "2022-06-28";

    private final NotionStore store;
    private final NotionTraffic traffic;
    private final NotionFaults faults;

    public NotionGate(NotionStore store, NotionTraffic traffic, NotionFaults faults) {
        this.store = store;
        this.traffic = traffic;
        this.faults = faults;
    }

    /** Returns the caller's token, or throws the error Notion would answer. */
    public String enter(HttpHeaders headers, Request request, UriInfo uri) {
        faults.takeHeldAnswer();
        String authorization = headers.getHeaderString("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        if (token == null || !store.tokens.contains(token)) {
            throw new NotionError(401, "unauthorized", "API token is invalid.");
        }
        long retryAfter = traffic.admit(token, System.nanoTime());
        String version = headers.getHeaderString("Notion-Version");
        if (version == null || version.isBlank()) {
            throw new NotionError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.");
        }
        if (!version.equals(SUPPORTED_VERSION)) {
            throw new NotionError(400, "invalid_request", "This emulator serves Notion-Version " + SUPPORTED_VERSION + " only, not " + version + ".");
        }
        if (retryAfter > 0) {
            traffic.retryAfter(token, retryAfter, System.nanoTime());
            throw new NotionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.")
                    .header("Retry-After", Long.toString(retryAfter));
        }
        String path = uri.getPath().replaceFirst("^/?notion/v1", "");
        NotionFaults.Fault fault = faults.next(request.getMethod(), path.startsWith("/") ? path : "/" + path);
        if (fault != null && fault.status() > 0 && fault.takesEffect()) {
            // Carried out now, answered with the error (after the delay): the client cannot tell it took effect.
            faults.holdAnswer(new NotionFaults.HeldAnswer(fault.delayMillis(), NotionFaults.errorFor(fault)));
            return token;
        }
        if (fault != null && fault.status() == 429) {
            traffic.retryAfter(token, fault.retryAfterSeconds(), System.nanoTime() + fault.delayMillis() * 1_000_000L);
        }
        if (fault != null && fault.status() > 0) {
            if (fault.delayMillis() > 0) {
                try {
                    Thread.sleep(fault.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw NotionFaults.errorFor(fault);
        }
        if (fault != null && fault.delayMillis() > 0) {
            // A slow answer: the request is carried out now, its answer leaves late (NotionSlowAnswers).
            faults.holdAnswer(new NotionFaults.HeldAnswer(fault.delayMillis(), null));
        }
        return token;
    }
}

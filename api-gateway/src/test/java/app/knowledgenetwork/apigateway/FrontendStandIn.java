package app.knowledgenetwork.apigateway;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web front end as the gateway sees it: pages with its own caching, immutable assets, one page with
 * its own Content-Security-Policy, one streamed in two parts, and "/" redirecting to sign-in as Next.js does.
 */
public final class FrontendStandIn {

    public static final String PAGE_CACHE = "private, no-cache, no-store, max-age=0, must-revalidate";
    public static final String ASSET_CACHE = "public, max-age=31536000, immutable";
    public static final String OWN_CSP = "script-src 'self' 'nonce-abc123'";
    /** Whether the front end serves at all (down: every request 503). */
    public static final AtomicBoolean UP = new AtomicBoolean(true);
    /** Completing it lets the streamed page send its second part and end. */
    public static final AtomicReference<Promise<Void>> STREAM_RELEASE = new AtomicReference<>();

    private FrontendStandIn() {
    }

    static void handle(HttpServerRequest request) {
        var response = request.response();
        if (!UP.get()) {
            response.setStatusCode(503).putHeader("Content-Type", "text/html").end("<h1>starting</h1>");
            return;
        }
        String path = request.path();
        if (path.equals("/")) {
            response.setStatusCode(307).putHeader("Location", "/login").end();
        } else if (path.startsWith("/_next/static/")) {
            response.putHeader("Content-Type", "application/javascript").putHeader("Cache-Control", ASSET_CACHE)
                    .end("console.log('asset')");
        } else if (path.equals("/nonce-page")) {
            response.putHeader("Content-Type", "text/html").putHeader("Content-Security-Policy", OWN_CSP)
                    .end("<script nonce=\"abc123\"></script>");
        } else if (path.equals("/streamed")) {
            Promise<Void> release = Promise.promise();
            STREAM_RELEASE.set(release);
            response.setChunked(true).putHeader("Content-Type", "text/html");
            response.write("<p>first part</p>\n");
            release.future().onComplete(v -> response.end("<p>second part</p>\n"));
        } else {
            response.putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", PAGE_CACHE)
                    .putHeader("X-Seen-Request-Id", String.valueOf(request.getHeader("X-Request-Id")))
                    .end("<html><body>page " + request.method().name() + " " + request.uri() + "</body></html>");
        }
    }
}

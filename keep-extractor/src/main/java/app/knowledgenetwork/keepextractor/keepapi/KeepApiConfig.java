package app.knowledgenetwork.keepextractor.keepapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** How to reach the Keep API and how patiently. */
@ConfigMapping(prefix = "kn.keep")
public interface KeepApiConfig {

    /** Base URL, {@code https://keep.googleapis.com} in production ({@code KEEP_API_URL}). */
    URI apiUrl();

    /** Notes asked for per list request (the API lowers larger values). */
    @WithDefault("100")
    int pageSize();

    /**
     * Subtracted from the watermark before filtering on update_time, so a note written while the
     * previous run was reading (or stamped by a server whose clock is a little behind) is read again
     * rather than missed. Re-reading is harmless: the sync compares content hashes.
     */
    @WithDefault("5m")
    Duration safetyOverlap();

    /** Retries of one request after ABORTED, 429 or 5xx. */
    @WithDefault("5")
    int maxRetries();

    /** First backoff; each retry multiplies it by {@link #backoffFactor()}, with jitter. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("2")
    double backoffFactor();

    /** Largest attachment copied from the API to S3; a larger one fails the extraction with a message naming it. */
    @WithDefault("52428800")
    long maxAttachmentBytes();
}

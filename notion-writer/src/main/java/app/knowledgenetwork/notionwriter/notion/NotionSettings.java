package app.knowledgenetwork.notionwriter.notion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How notion-writer reaches Notion: where, with which token, how fast, how persistently. */
@ConfigMapping(prefix = "kn.notion")
public interface NotionSettings {

    /**
     * Notion's API base ({@code NOTION_API_URL}): https://api.notion.com/v1/ or the emulator's /notion/v1/, with or
     * without {@code /v1} and a trailing slash; read as the base ending in {@code /v1} ({@link NotionApiUrl}).
     */
    @WithConverter(NotionApiUrl.class)
    String apiUrl();

    /** The integration token ({@code NOTION_TOKEN}); per-connection tokens come later from sync-service. */
    Optional<String> token();

    RateLimitSettings rateLimit();

    RetrySettings retry();

    /** Per-request timeout towards Notion. */
    @WithDefault("30s")
    Duration requestTimeout();

    interface RateLimitSettings {
        /** {@code NOTION_RATE_LIMIT_REQUESTS}: requests per period, shared by every replica. */
        int requests();

        /** {@code NOTION_RATE_LIMIT_PERIOD}: the period in seconds. */
        @WithName("period")
        int periodSeconds();

        /** Requests that may go back to back; 1 spaces every request evenly. */
        @WithDefault("1")
        int burst();

        /** Fraction added to the spacing so that network jitter never crowds Notion's window. */
        @WithDefault("0.1")
        double margin();
    }

    interface RetrySettings {
        /** {@code MAX_RETRIES}. */
        int maxRetries();

        /** {@code RETRY_BACKOFF_FACTOR}. */
        double backoffFactor();

        @WithDefault("500ms")
        Duration initialDelay();

        @WithDefault("30s")
        Duration maxDelay();

        @WithDefault("0.5")
        double jitter();
    }
}

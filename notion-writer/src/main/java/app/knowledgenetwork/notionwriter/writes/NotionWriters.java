package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.ratelimit.RateLimit;
import app.knowledgenetwork.common.retry.Retrier;
import app.knowledgenetwork.common.retry.RetryPolicy;
import app.knowledgenetwork.notionwriter.attachments.S3AttachmentSource;
import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionCallGovernor;
import app.knowledgenetwork.notionwriter.notion.NotionFileUploads;
import app.knowledgenetwork.notionwriter.notion.NotionPacer;
import app.knowledgenetwork.notionwriter.notion.NotionSettings;
import app.knowledgenetwork.notionwriter.notion.SharedPause;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds a {@link NoteWriter} for a Notion token: its own SDK client, governed by the token bucket and
 * the 429 pause in Redis that every replica writing with the same token shares (Notion limits per integration).
 */
@ApplicationScoped
public class NotionWriters {

    private final NotionSettings settings;
    private final RedisDataSource redis;
    private final S3Client s3;
    private final ObjectMapper json;
    private final String keyPrefix;
    private final String bucket;

    public NotionWriters(NotionSettings settings, RedisDataSource redis, S3Client s3, ObjectMapper json,
            @ConfigProperty(name = "kn.redis.key-prefix") String keyPrefix, @ConfigProperty(name = "kn.s3.bucket") String bucket) {
        this.settings = settings;
        this.redis = redis;
        this.s3 = s3;
        this.json = json;
        this.keyPrefix = keyPrefix;
        this.bucket = bucket;
    }

    /** A writer with a client of its own; close its API when done. */
    public NoteWriter open(String token) {
        NotionApi api = api(token);
        return new NoteWriter(api, new NotionFileUploads(api, settings.requestTimeout()), new S3AttachmentSource(s3, bucket));
    }

    public NotionApi api(String token) {
        return new NotionApi(settings.apiUrl(), token, governor(token), json, (int) settings.requestTimeout().toMillis());
    }

    public NotionCallGovernor governor(String token) {
        var limit = settings.rateLimit();
        NotionPacer pacer = new NotionPacer(redis, bucketKey(token) + ":slot",
                new RateLimit(limit.requests(), Duration.ofSeconds(limit.periodSeconds()), limit.burst(), limit.margin()));
        SharedPause pause = new SharedPause(redis, bucketKey(token) + ":pause");
        var retry = settings.retry();
        return new NotionCallGovernor(pacer, pause, new Retrier(new RetryPolicy(retry.maxRetries(), retry.backoffFactor(),
                retry.initialDelay(), retry.maxDelay(), retry.jitter())));
    }

    /** The bucket of one integration token, named by a hash so that the token never appears in Redis. */
    public String bucketKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return keyPrefix + "notion:rate:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The token of a request: the one it carries (a connection's own integration token), else the one
     * it refers to, which can only be the service's own NOTION_TOKEN.
     */
    public String resolveToken(String token, String tokenRef) {
        if (token != null && !token.isBlank()) {
            return token;
        }
        if (tokenRef != null && !tokenRef.isBlank() && !tokenRef.equals("env:NOTION_TOKEN")) {
            throw new IllegalArgumentException("tokenRef " + tokenRef + " is not known; only env:NOTION_TOKEN is supported");
        }
        return settings.token().filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalStateException("NOTION_TOKEN is not set, so notion-writer cannot call Notion"));
    }
}

package app.knowledgenetwork.collabwebsocket.sequencing;

import app.knowledgenetwork.common.cache.KnowledgeCacheInvalidation;
import app.knowledgenetwork.collabwebsocket.CollabConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.knowledgenetwork.common.redis.LuaScript;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A document's live state in Redis, where every replica agrees on it: a hash ({@code meta}: epoch, next version,
 * the log's first version, the saved snapshot and its revision), the operation log (a list, element i is version
 * logBase + i) and each source's last seq. Every change is one Lua script, so versions are assigned atomically however
 * many replicas submit, and a sequenced operation is published on the document's channel in version order.
 * Keys share a hash tag per document, so they sit in one slot of a Redis cluster.
 */
@ApplicationScoped
public class OpLog {
    /** KEYS meta, log, src. ARGV epoch, text, revision, ttl ms. Creates the state from PostgreSQL unless it exists. */
    static final LuaScript INIT = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'v', 0, 'logBase', 0, 'snapV', 0, 'snapText', ARGV[2], 'revision', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """);

    /**
     * KEYS meta, log. ARGV since (-1: the snapshot). The operations since {@code since} if the log has them, else the
     * snapshot and the operations after it.
     */
    static final LuaScript READ = new LuaScript("""
            local m = redis.call('HMGET', KEYS[1], 'epoch', 'v', 'logBase', 'snapV', 'snapText', 'revision')
            if not m[1] then return {0} end
            local v = tonumber(m[2])
            local base = tonumber(m[3])
            local snapV = tonumber(m[4])
            local since = tonumber(ARGV[1])
            local from = since
            local snap = 0
            local text = ''
            if since < base or since > v then
              from = snapV
              snap = 1
              text = m[5]
            end
            local entries = {}
            if from < v then entries = redis.call('LRANGE', KEYS[2], from - base, v - base - 1) end
            return {1, m[1], v, base, snapV, snap, text, tonumber(m[6]), entries}
            """);

    /**
     * KEYS meta, log, src. ARGV expected version, src, seq, entry, channel, epoch, ttl ms. Sequences the entry as the
     * expected version, unless the source already sent this seq or the document has moved on.
     */
    static final LuaScript SUBMIT = new LuaScript("""
            local m = redis.call('HMGET', KEYS[1], 'epoch', 'v')
            if not m[1] or m[1] ~= ARGV[6] then return {'gone', 0} end
            local last = redis.call('HGET', KEYS[3], ARGV[2])
            if last then
              local sep = string.find(last, ':', 1, true)
              if tonumber(string.sub(last, 1, sep - 1)) >= tonumber(ARGV[3]) then
                return {'dup', tonumber(string.sub(last, sep + 1))}
              end
            end
            local v = tonumber(m[2])
            if v ~= tonumber(ARGV[1]) then return {'stale', v} end
            redis.call('RPUSH', KEYS[2], ARGV[4])
            redis.call('HSET', KEYS[1], 'v', v + 1)
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[3] .. ':' .. v)
            redis.call('PEXPIRE', KEYS[1], ARGV[7])
            redis.call('PEXPIRE', KEYS[2], ARGV[7])
            redis.call('PEXPIRE', KEYS[3], ARGV[7])
            redis.call('PUBLISH', ARGV[5], ARGV[4])
            return {'ok', v}
            """);

    /**
     * KEYS meta, log. ARGV epoch, version, text, revision, retained ops, ttl ms. Records a snapshot saved into
     * PostgreSQL as that revision and trims the log to the retained operations behind it.
     */
    static final LuaScript SAVED = new LuaScript("""
            local m = redis.call('HMGET', KEYS[1], 'epoch', 'logBase', 'snapV', 'v')
            if m[1] ~= ARGV[1] then return 0 end
            local v = tonumber(ARGV[2])
            if v < tonumber(m[3]) or v > tonumber(m[4]) then return 0 end
            redis.call('HSET', KEYS[1], 'snapV', v, 'snapText', ARGV[3], 'revision', ARGV[4])
            redis.call('HDEL', KEYS[1], 'pendingRevision', 'pendingV', 'pendingText')
            local base = tonumber(m[2])
            local newBase = v - tonumber(ARGV[5])
            if newBase > base then
              redis.call('LTRIM', KEYS[2], newBase - base, -1)
              redis.call('HSET', KEYS[1], 'logBase', newBase)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            return 1
            """);

    /** KEYS meta. ARGV epoch, revision, version, text: what a save is about to commit (see {@link #pending}). */
    static final LuaScript PENDING = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'pendingRevision', ARGV[2], 'pendingV', ARGV[3], 'pendingText', ARGV[4])
            return 1
            """);

    /** KEYS lock. ARGV token. */
    static final LuaScript UNLOCK = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final CollabConfig config;
    private final String prefix;

    public OpLog(RedisDataSource redis, ObjectMapper json, CollabConfig config, @ConfigProperty(name = "kn.redis.key-prefix") String keyPrefix) {
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.prefix = keyPrefix + "collab:";
    }

    /** The channel every sequenced operation and presence change of the document is published on. */
    public String channel(UUID document) {
        return prefix + "doc:" + document;
    }

    /** The pattern of all documents' channels. */
    public String channelPattern() {
        return prefix + "doc:*";
    }

    /** The document id of a channel of {@link #channelPattern()}, or null. */
    public UUID documentOf(String channel) {
        String start = prefix + "doc:";
        if (!channel.startsWith(start)) {
            return null;
        }
        try {
            return UUID.fromString(channel.substring(start.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String key(UUID document, String part) {
        return prefix + "{" + document + "}:" + part;
    }

    public boolean create(UUID document, String epoch, String text, long revision) {
        Response r = INIT.run(redis, 3, key(document, "meta"), key(document, "log"), key(document, "src"), epoch, text,
                Long.toString(revision), ttl());
        return r.toLong() == 1;
    }

    /** The state with the operations since {@code since} (or the snapshot and those after it); null: no state. */
    public LiveState read(UUID document, long since) {
        Response r = READ.run(redis, 2, key(document, "meta"), key(document, "log"), Long.toString(since));
        if (r.get(0).toLong() == 0) {
            return null;
        }
        List<SequencedOp> ops = new ArrayList<>();
        for (Response entry : r.get(8)) {
            ops.add(SequencedOp.decode(json, entry.toString()));
        }
        boolean snapshot = r.get(5).toLong() == 1;
        return new LiveState(r.get(1).toString(), r.get(2).toLong(), r.get(3).toLong(), r.get(4).toLong(),
                snapshot ? r.get(6).toString() : null, r.get(7).toLong(), ops);
    }

    public SubmitOutcome submit(UUID document, SequencedOp entry) {
        Response r = SUBMIT.run(redis, 3, key(document, "meta"), key(document, "log"), key(document, "src"),
                Long.toString(entry.version()), entry.source(), Long.toString(entry.seq()), entry.encode(json), channel(document), entry.epoch(), ttl());
        long version = r.get(1).toLong();
        return switch (r.get(0).toString()) {
            case "ok" -> new SubmitOutcome(SubmitOutcome.Kind.SEQUENCED, version);
            case "dup" -> new SubmitOutcome(SubmitOutcome.Kind.DUPLICATE, version);
            case "stale" -> new SubmitOutcome(SubmitOutcome.Kind.STALE, version);
            default -> new SubmitOutcome(SubmitOutcome.Kind.GONE, version);
        };
    }

    /** What a save is about to commit, so that a replica finding it committed (this one died meanwhile) knows it. */
    public record Pending(long revision, long version, String text) {
    }

    public void pending(UUID document, String epoch, Pending pending) {
        PENDING.run(redis, 1, key(document, "meta"), epoch, Long.toString(pending.revision()), Long.toString(pending.version()), pending.text());
    }

    public Pending pending(UUID document) {
        Response r = redis.execute("HMGET", key(document, "meta"), "pendingRevision", "pendingV", "pendingText");
        if (r.get(0) == null || r.get(1) == null || r.get(2) == null) {
            return null;
        }
        return new Pending(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toString());
    }

    public boolean saved(UUID document, String epoch, long version, String text, long revision) {
        Response r = SAVED.run(redis, 2, key(document, "meta"), key(document, "log"), epoch, Long.toString(version), text,
                Long.toString(revision), Integer.toString(config.retainedOperations()), ttl());
        return r.toLong() == 1;
    }

    /** The snapshot last saved into PostgreSQL: its epoch, version, text and revision. */
    public record SavedSnapshot(String epoch, long version, String text, long revision) {
    }

    /** Null without a live state. */
    public SavedSnapshot savedSnapshot(UUID document) {
        Response r = redis.execute("HMGET", key(document, "meta"), "epoch", "snapV", "snapText", "revision");
        if (r == null || r.get(0) == null) {
            return null;
        }
        return new SavedSnapshot(r.get(0).toString(), r.get(1).toLong(), r.get(2).toString(), r.get(3).toLong());
    }

    /** The revision of PostgreSQL's row the live state is based on, or -1 without a live state. */
    public long revision(UUID document) {
        Response r = redis.execute("HGET", key(document, "meta"), "revision");
        return r == null ? -1 : r.toLong();
    }

    /** One saver per document across replicas; the lock expires if its holder dies. */
    public boolean lock(UUID document, String token, long millis) {
        Response r = redis.execute("SET", key(document, "lock"), token, "NX", "PX", Long.toString(millis));
        return r != null && "OK".equals(r.toString());
    }

    public void unlock(UUID document, String token) {
        UNLOCK.run(redis, 1, key(document, "lock"), token);
    }

    /** Presence of every client on the document, by client id, as JSON. */
    public Map<String, String> presence(UUID document) {
        Response r = redis.execute("HGETALL", key(document, "presence"));
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (r == null) {
            return all;
        }
        if (r.isMap()) {
            for (String field : r.getKeys()) {
                all.put(field, r.get(field).toString());
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                all.put(r.get(i).toString(), r.get(i + 1).toString());
            }
        }
        return all;
    }

    public long clients(UUID document) {
        return redis.execute("HLEN", key(document, "presence")).toLong();
    }

    public void putPresence(UUID document, String client, String entry) {
        redis.execute("HSET", key(document, "presence"), client, entry);
        redis.execute("PEXPIRE", key(document, "presence"), Long.toString(config.presenceTtl().toMillis() * 4));
    }

    /** Whether this call removed it (only one replica then announces the leave). */
    public boolean removePresence(UUID document, String client) {
        return redis.execute("HDEL", key(document, "presence"), client).toLong() == 1;
    }

    public void publish(UUID document, String message) {
        redis.execute("PUBLISH", channel(document), message);
    }

    public void publish(String channel, String message) {
        redis.execute("PUBLISH", channel, message);
    }

    /** Runs knowledge-api's cache invalidation script (see its cache/RedisCache) on one of its cache names. */
    public void invalidateKnowledgeApiCache(String script, String name, long keyTtlMillis, String keyPrefix) {
        redis.execute("EVAL", script, "1", KnowledgeCacheInvalidation.key(keyPrefix, name), Long.toString(keyTtlMillis));
    }

    private String ttl() {
        return Long.toString(config.stateTtl().toMillis());
    }
}

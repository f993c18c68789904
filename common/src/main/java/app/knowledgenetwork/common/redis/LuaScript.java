package app.knowledgenetwork.common.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}): its text crosses the network and is hashed by Redis once per
 * server instead of on every call (scripts run on hot paths: a rate-limit check per gateway request, a sequencing
 * per collaborative edit). A server that does not know it (restarted, failed over, flushed) answers NOSCRIPT, and
 * that call sends the text with {@code EVAL}, which loads it again.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script: {@code keys} is how many of {@code keysAndArgs} are keys (they come first). */
    public Response run(RedisDataSource redis, int keys, String... keysAndArgs) {
        try {
            return redis.execute("EVALSHA", command(sha, keys, keysAndArgs));
        } catch (RuntimeException e) {
            if (!noScript(e)) {
                throw e;
            }
            return redis.execute("EVAL", command(source, keys, keysAndArgs));
        }
    }

    /** The same without blocking. */
    public Uni<Response> run(ReactiveRedisDataSource redis, int keys, String... keysAndArgs) {
        return redis.execute("EVALSHA", command(sha, keys, keysAndArgs))
                .onFailure(LuaScript::noScript)
                .recoverWithUni(() -> redis.execute("EVAL", command(source, keys, keysAndArgs)));
    }

    public String source() {
        return source;
    }

    private static String[] command(String script, int keys, String[] keysAndArgs) {
        String[] args = new String[keysAndArgs.length + 2];
        args[0] = script;
        args[1] = Integer.toString(keys);
        System.arraycopy(keysAndArgs, 0, args, 2, keysAndArgs.length);
        return args;
    }

    private static boolean noScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }
}

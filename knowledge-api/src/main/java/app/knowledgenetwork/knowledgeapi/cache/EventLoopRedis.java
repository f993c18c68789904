package app.knowledgenetwork.knowledgeapi.cache;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.redis.runtime.client.VertxRedisClientFactory;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cache's Redis connections, one client per Vert.x event loop, so a read made on an event loop is sent, answered
 * and parsed on that loop. A Vert.x Redis client keeps all its connections on the one event loop it was created on:
 * with Quarkus' single client every cached read on another loop crossed to that loop and back twice, and that loop
 * did the Redis work of all the others while they waited (bench/graphql: a second event loop added almost nothing).
 * <p>
 * The clients are made by Quarkus' own factory from the default client's settings ({@code quarkus.redis.*}), so
 * hosts, password, TLS, timeouts and pool sizes are the same. Callers off the event loops (workers) take the clients
 * in turn.
 */
@ApplicationScoped
public class EventLoopRedis {
    private final Map<EventLoop, Redis> byLoop = new IdentityHashMap<>();
    private final List<Redis> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public EventLoopRedis(Vertx vertx, Instance<TlsConfigurationRegistry> tls) {
        VertxInternal core = (VertxInternal) vertx.getDelegate();
        var settings = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RedisConfig.class).defaultRedisClient();
        TlsConfigurationRegistry registry = tls.isResolvable() ? tls.get() : null;
        for (EventExecutor executor : core.getEventLoopGroup()) {
            EventLoop loop = (EventLoop) executor;
            ContextInternal context = core.createEventLoopContext(loop, null, Thread.currentThread().getContextClassLoader());
            // The client takes the current context as its own: dispatching makes it this loop's, on any thread.
            Redis[] created = new Redis[1];
            context.dispatch(v -> created[0] = Redis.newInstance(VertxRedisClientFactory.create("cache", core, settings, registry)));
            byLoop.put(loop, created[0]);
            clients.add(created[0]);
        }
    }

    /** Sends one command with the client of the calling event loop (or the next client, off the event loops). */
    public Uni<Response> send(Request request) {
        return Uni.createFrom().deferred(() -> client().send(request));
    }

    private Redis client() {
        ContextInternal current = ContextInternal.current();
        if (current != null && current.isEventLoopContext()) {
            Redis own = byLoop.get(current.nettyEventLoop());
            if (own != null) {
                return own;
            }
        }
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    @PreDestroy
    void close() {
        clients.forEach(Redis::close);
    }
}

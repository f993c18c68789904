package app.knowledgenetwork.searchindexer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the indexer as soon as a change reaches the outbox, instead of at its next scheduled run: one connection of its
 * own LISTENs on the channel {@value #CHANNEL}, which a statement trigger on {@code outbox_event} (knowledge-api's
 * migration V12) notifies; PostgreSQL delivers the notification when the writing transaction commits, so the indexer
 * never looks before the rows are visible. The schedule stays as the fallback: while this connection is down (it
 * reconnects with backoff), or for a notification lost with it, the next run finds the rows anyway.
 *
 * <p>A dedicated connection rather than one of the pool's: it is held for the service's life and only waits.
 */
@ApplicationScoped
public class OutboxListener {
    static final String CHANNEL = "outbox_event";
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    /** How long one wait for notifications lasts before the loop checks it should still run. */
    private static final int WAIT_MILLIS = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OutboxIndexer indexer;
    private final IndexerConfig config;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public OutboxListener(OutboxIndexer indexer, IndexerConfig config, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.indexer = indexer;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.listen()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-listener").daemon().start(this::run);
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(WAIT_MILLIS * 2L);
        }
    }

    /** Whether the connection LISTENs now (tests wait for it before they write). */
    boolean listening() {
        return listening;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                LOG.debugf("Listening on %s: outbox changes wake the indexer", CHANNEL);
                backoff = Duration.ofMillis(500);
                // Rows committed before LISTEN took effect sent their notification to nobody: look once now.
                indexer.drain();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        // Several commits' notifications arrive together: one drain takes all their rows.
                        indexer.drain();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("Listening for outbox changes failed (%s); the schedule indexes meanwhile, trying again in %d ms", e.toString(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                listening = false;
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

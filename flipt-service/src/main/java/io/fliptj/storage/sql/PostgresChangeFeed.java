package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.storage.NamespaceChangeFeed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN} on the channel every write notifies at commit ({@link StateVersions#announce}).
 * Holds one pooled connection for as long as it runs; when that connection fails it reconnects with backoff
 * and then reports {@link NamespaceChangeFeed#ALL}, since notices sent meanwhile are lost. A connection that
 * stays silent is checked with a query every {@code HEARTBEAT}, so a dead peer is noticed.
 */
final class PostgresChangeFeed implements NamespaceChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private volatile boolean running;
    private Thread listener;

    PostgresChangeFeed(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    @Override
    public void start(Listener changed) {
        requireNonNull(changed, "changed is null");
        running = true;
        listener = new Thread(() -> listen(changed), "postgres-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen(Listener changed) {
        long backoffMillis = 100;
        boolean failing = false;
        while (running) {
            try (Handle handle = jdbi.open()) {
                handle.execute("LISTEN " + SqlDialect.CHANGE_CHANNEL);
                PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
                if (failing) {
                    LOG.info("change notifications from PostgreSQL resumed");
                    failing = false;
                    changed.changed(ALL, Optional.empty());
                }
                backoffMillis = 100;
                receive(handle, connection, changed);
            } catch (RuntimeException | SQLException error) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    failing = true;
                    LOG.warn("change notifications from PostgreSQL interrupted; relying on polling until they resume: {}",
                            error.toString());
                }
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void receive(Handle handle, PGConnection connection, Listener changed) throws SQLException {
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    deliver(changed, notification.getParameter());
                }
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > HEARTBEAT.toNanos()) {
                handle.createQuery("SELECT 1").mapTo(Integer.class).one();
                lastCheck = System.nanoTime();
            }
        }
    }

    private static void deliver(Listener changed, String payload) {
        ChangeNotices.Notice notice = ChangeNotices.decode(payload);
        try {
            changed.changed(notice.namespaceKey(), notice.write());
        } catch (RuntimeException error) {
            LOG.warn("handling a change notice for namespace {} failed", notice.namespaceKey(), error);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

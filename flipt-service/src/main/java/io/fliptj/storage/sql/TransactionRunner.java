package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.UnavailableException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store operations in transactions and turns driver failures into typed errors. Writes are serialised
 * in-process where the database allows a single writer (SQLite), so lock contention never reaches callers;
 * serialization failures and deadlocks are retried a few times. Thread-safe.
 */
final class TransactionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);
    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final MonotonicClock clock;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    TransactionRunner(Jdbi jdbi, SqlDialect dialect, MonotonicClock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (!dialect.connectionStatements().isEmpty()) {
            jdbi.getConfig(Handles.class).addListener(new ConnectionSetup(dialect));
        }
        for (String statement : dialect.initializationStatements()) {
            try {
                execute(() -> jdbi.useHandle(handle -> handle.execute(statement)));
            } catch (JdbiException e) {
                LOG.warn("cannot apply database setting {}; continuing without it", statement, e);
            }
        }
    }

    SqlDialect dialect() {
        return dialect;
    }

    Instant now() {
        return clock.now();
    }

    /** A read in one transaction (a consistent view for the statements it runs). */
    <T> T read(HandleCallback<T, RuntimeException> callback) {
        return run(() -> jdbi.inTransaction(callback));
    }

    /** A read that must see one consistent state across all its statements, e.g. a whole namespace. */
    <T> T snapshot(HandleCallback<T, RuntimeException> callback) {
        Optional<TransactionIsolationLevel> isolation = dialect.snapshotIsolation();
        return run(() -> isolation.isPresent() ? jdbi.inTransaction(isolation.get(), callback) : jdbi.inTransaction(callback));
    }

    /**
     * A write in one transaction that changes the given namespace: the namespace row is locked first, so
     * concurrent writers of a namespace run one after the other. Integrity violations become the typed
     * errors in {@code errors}.
     */
    <T> T writeNamespace(String namespaceKey, ViolationErrors errors, HandleCallback<T, RuntimeException> callback) {
        Optional<String> lock = dialect.lockNamespaceQuery();
        if (lock.isEmpty()) {
            return write(errors, callback);
        }
        return write(errors, handle -> {
            handle.createQuery(lock.get()).bind("namespaceKey", namespaceKey).mapTo(String.class).findOne();
            return callback.withHandle(handle);
        });
    }

    /** A write in one transaction; integrity violations become the typed errors in {@code errors}. */
    <T> T write(ViolationErrors errors, HandleCallback<T, RuntimeException> callback) {
        boolean serialise = dialect.serializesWrites();
        if (serialise) {
            writeLock.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    StateVersions.begin();
                    T result = run(() -> jdbi.inTransaction(callback));
                    StateVersions.committed();
                    return result;
                } catch (JdbiException e) {
                    if (attempt < ATTEMPTS && dialect.isRetryable(e)) {
                        LOG.debug("retrying transaction after serialization failure (attempt {})", attempt, e);
                        continue;
                    }
                    throw translate(e, errors);
                }
            }
        } finally {
            if (serialise) {
                writeLock.unlock();
            }
        }
    }

    private RuntimeException translate(JdbiException failure, ViolationErrors errors) {
        return switch (dialect.violation(failure)) {
            case UNIQUE -> errors.unique() == null ? failure : errors.unique().get();
            case FOREIGN_KEY -> errors.foreignKey() == null ? failure : errors.foreignKey().get();
            case NONE -> failure;
        };
    }

    private <T> T run(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JdbiException e) {
            if (dialect.isUnavailable(e)) {
                throw new UnavailableException("database is unavailable", e);
            }
            if (isValueTooLong(e)) {
                throw new InvalidArgumentException("a value is longer than the database allows (keys and ids: 255 characters)", e);
            }
            throw e;
        }
    }

    /** SQLSTATE 22001, string data right truncation: a value does not fit its column. */
    private static boolean isValueTooLong(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sqlError && "22001".equals(sqlError.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void execute(Runnable operation) {
        run(() -> {
            operation.run();
            return null;
        });
    }

    /** Applies the dialect's per-connection settings to every handle. */
    private record ConnectionSetup(SqlDialect dialect) implements HandleListener {
        @Override
        public void handleCreated(Handle handle) {
            dialect.connectionStatements().forEach(handle::execute);
        }
    }
}

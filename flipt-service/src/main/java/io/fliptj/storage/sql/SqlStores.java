package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.storage.NamespaceChangeFeed;
import io.fliptj.storage.Stores;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** Builds the SQL-backed stores. */
public final class SqlStores {
    private SqlStores() {
    }

    /**
     * Stores on {@code jdbi}, whose schema must be migrated ({@link Migrations}). On SQLite this registers a
     * handle listener on {@code jdbi} that turns on foreign keys and a busy timeout for every connection,
     * switches the database to WAL, and serialises writes in-process; so create the stores once per
     * database and share them.
     */
    public static Stores create(Jdbi jdbi, Dialect dialect) {
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(dialect, "dialect is null");
        TransactionRunner transactions = new TransactionRunner(jdbi, new SqlDialect(dialect), MonotonicClock.system());
        return new Stores(
                new SqlNamespaceStore(transactions),
                new SqlFlagStore(transactions),
                new SqlSegmentStore(transactions),
                new SqlRuleStore(transactions),
                new SqlRolloutStore(transactions),
                new SqlEvaluationStore(transactions));
    }

    /**
     * Runs {@code work} in one transaction on {@code jdbi}: every call {@code work} makes on this thread to stores
     * created on the same {@code jdbi} joins it (Jdbi hands nested calls the thread's open handle), so the whole
     * of {@code work} commits or, when it throws, rolls back. Namespace change listeners are not involved; callers
     * that keep evaluation snapshots must refresh them afterwards.
     */
    public static <T> T inOneTransaction(Jdbi jdbi, Supplier<T> work) {
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(work, "work is null");
        return jdbi.inTransaction(handle -> work.get());
    }

    /**
     * A feed of namespace changes made through stores on the same database by any instance, where the
     * database can push them (PostgreSQL {@code LISTEN/NOTIFY}); empty elsewhere. It holds one connection of
     * {@code jdbi}'s pool while started.
     */
    public static Optional<NamespaceChangeFeed> changeFeed(Jdbi jdbi, Dialect dialect) {
        requireNonNull(jdbi, "jdbi is null");
        return switch (dialect) {
            case POSTGRES -> Optional.of(new PostgresChangeFeed(jdbi));
            case SQLITE, MYSQL, COCKROACH -> Optional.empty();
        };
    }
}

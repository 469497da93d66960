package io.fliptj.storage.sql;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The per-namespace state version: a number that grows with every write in the namespace. It is at least
 * the write's time in epoch microseconds, so a namespace that is deleted and re-created never repeats an
 * earlier version.
 */
final class StateVersions {
    private StateVersions() {
    }

    /** Advances the version of a namespace inside the caller's write transaction. */
    static void advance(Handle handle, SqlDialect dialect, String namespaceKey, Instant now) {
        long micros = MonotonicClock.toEpochMicros(now);
        handle.createUpdate("""
                        UPDATE namespaces
                        SET state_version = CASE WHEN state_version >= :micros THEN state_version + 1 ELSE :micros END,
                            state_modified_at = :now
                        WHERE namespace_key = :namespaceKey""")
                .bind("micros", micros)
                .bind("now", dialect.timestamp(now))
                .bind("namespaceKey", namespaceKey)
                .execute();
        announce(handle, dialect, namespaceKey);
    }

    /**
     * Tells other instances, where the database can, that the namespace changed; the notice is delivered when
     * (and only if) the caller's transaction commits.
     */
    static void announce(Handle handle, SqlDialect dialect, String namespaceKey) {
        dialect.notifyChangeQuery().ifPresent(query -> handle.createQuery(query)
                .bind("channel", SqlDialect.CHANGE_CHANNEL)
                .bind("namespaceKey", namespaceKey)
                .mapTo(Integer.class)
                .one());
    }

    static Optional<String> read(Handle handle, String namespaceKey) {
        return handle.createQuery("SELECT state_version FROM namespaces WHERE namespace_key = :namespaceKey")
                .bind("namespaceKey", namespaceKey)
                .mapTo(Long.class)
                .findOne()
                .map(String::valueOf);
    }
}

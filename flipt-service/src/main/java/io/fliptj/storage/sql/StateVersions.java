package io.fliptj.storage.sql;

import io.fliptj.storage.NamespaceWrite;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The per-namespace state version: a number set to the creation time in epoch microseconds when the namespace
 * is created and advanced by exactly one by every write in it, so a namespace that is deleted and re-created
 * never repeats an earlier version, and the difference of two versions counts the writes between them.
 *
 * <p>Each thread remembers the versions its transactions gave each namespace: {@link #begin} clears the
 * transaction's record, {@link #committed} publishes it as the thread's last committed writes, which
 * {@link #lastCommitted} returns.
 */
final class StateVersions {
    private static final ThreadLocal<Map<String, NamespaceWrite>> IN_TRANSACTION = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<String, NamespaceWrite>> LAST_COMMITTED = ThreadLocal.withInitial(HashMap::new);

    private StateVersions() {
    }

    /**
     * Advances the version of a namespace inside the caller's write transaction, which holds the namespace's
     * lock, for a change that may concern more than one flag (segments, constraints, the namespace itself).
     */
    static void advance(Handle handle, SqlDialect dialect, String namespaceKey, java.time.Instant now) {
        advance(handle, dialect, namespaceKey, Optional.empty(), now);
    }

    /** As {@link #advance}, for a change confined to one flag: the flag, its variants, rules, distributions or rollouts. */
    static void advanceFlag(Handle handle, SqlDialect dialect, String namespaceKey, String flagKey, java.time.Instant now) {
        advance(handle, dialect, namespaceKey, Optional.of(flagKey), now);
    }

    private static void advance(Handle handle, SqlDialect dialect, String namespaceKey, Optional<String> flagKey,
            java.time.Instant now) {
        handle.createUpdate("""
                        UPDATE namespaces SET state_version = state_version + 1, state_modified_at = :now
                        WHERE namespace_key = :namespaceKey""")
                .bind("now", dialect.timestamp(now))
                .bind("namespaceKey", namespaceKey)
                .execute();
        handle.createQuery("SELECT state_version FROM namespaces WHERE namespace_key = :namespaceKey")
                .bind("namespaceKey", namespaceKey)
                .mapTo(Long.class)
                .findOne()
                .ifPresent(version -> {
                    NamespaceWrite write = new NamespaceWrite(version, version, flagKey);
                    IN_TRANSACTION.get().merge(namespaceKey, write, NamespaceWrite::then);
                    announce(handle, dialect, ChangeNotices.encode(namespaceKey, Optional.of(write)));
                });
    }

    /**
     * Tells other instances, where the database can, that the namespace changed in a way not described by a
     * single-flag write (it was created or deleted); the notice is delivered when (and only if) the caller's
     * transaction commits.
     */
    static void announce(Handle handle, SqlDialect dialect, String namespaceKey) {
        announce(handle, dialect, ChangeNotices.encode(namespaceKey, Optional.empty()));
    }

    private static void announce(Handle handle, SqlDialect dialect, ChangeNotices.Payload payload) {
        dialect.notifyChangeQuery().ifPresent(query -> handle.createQuery(query)
                .bind("channel", SqlDialect.CHANGE_CHANNEL)
                .bind("namespaceKey", payload.text())
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

    /** A write transaction (or a retry of it) starts on this thread. */
    static void begin() {
        IN_TRANSACTION.get().clear();
    }

    /** The thread's write transaction committed: its versions become the thread's last committed ones. */
    static void committed() {
        Map<String, NamespaceWrite> written = IN_TRANSACTION.get();
        Map<String, NamespaceWrite> last = LAST_COMMITTED.get();
        last.clear();
        last.putAll(written);
        written.clear();
    }

    /** What the thread's last committed write transaction did to the namespace, if it advanced its version. */
    static Optional<NamespaceWrite> lastCommitted(String namespaceKey) {
        return Optional.ofNullable(LAST_COMMITTED.get().get(namespaceKey));
    }
}

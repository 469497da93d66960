package io.fliptj.evaluation;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.evaluation.EvaluationNamespaceSnapshot;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.storage.EvaluationState;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One namespace as evaluation sees it: the compiled snapshot, the state it was compiled from, its
 * version and ETag, and the client-side snapshot documents (built on first use, once per
 * {@link SnapshotDocuments.Compatibility}). Immutable apart from that memoisation; thread-safe.
 */
public final class CachedNamespace {
    private final String namespaceKey;
    private final String version;
    private final String etag;
    private final EvaluationState state;
    private final NamespaceSnapshot snapshot;
    private final long loadedAtNanos = System.nanoTime();
    private final AtomicReferenceArray<EvaluationNamespaceSnapshot> documents =
            new AtomicReferenceArray<>(SnapshotDocuments.Compatibility.values().length);

    CachedNamespace(String namespaceKey, String version, String etag, EvaluationState state, NamespaceSnapshot snapshot) {
        this.namespaceKey = requireNonNull(namespaceKey, "namespaceKey is null");
        this.version = requireNonNull(version, "version is null");
        this.etag = requireNonNull(etag, "etag is null");
        this.state = state;
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
    }

    public String namespaceKey() {
        return namespaceKey;
    }

    /** The store's version of the namespace; {@code ""} when the namespace does not exist. */
    public String version() {
        return version;
    }

    /** Lower-case hex SHA-1 of {@link #version()}, unquoted; {@code ""} when the namespace does not exist. */
    public String etag() {
        return etag;
    }

    public boolean exists() {
        return state != null;
    }

    /** The state the snapshot was compiled from; {@code null} when the namespace does not exist. */
    EvaluationState state() {
        return state;
    }

    public NamespaceSnapshot snapshot() {
        return snapshot;
    }

    /** When this state was loaded from the store, as a {@link System#nanoTime()} reading. */
    public long loadedAtNanos() {
        return loadedAtNanos;
    }

    /** The namespace's flags in the store's order (creation time); empty when the namespace does not exist. */
    public java.util.List<io.fliptj.api.Flag> flags() {
        return state == null ? java.util.List.of() : state.flags();
    }

    /** The client-side snapshot for clients of the given compatibility. */
    public EvaluationNamespaceSnapshot document(SnapshotDocuments.Compatibility compatibility) {
        EvaluationNamespaceSnapshot document = documents.get(compatibility.ordinal());
        if (document == null) {
            document = state == null ? SnapshotDocuments.empty(namespaceKey) : SnapshotDocuments.build(namespaceKey, state, compatibility);
            documents.compareAndSet(compatibility.ordinal(), null, document);
        }
        return document;
    }
}

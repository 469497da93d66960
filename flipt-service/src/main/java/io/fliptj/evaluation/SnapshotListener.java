package io.fliptj.evaluation;

/** Told about every namespace snapshot rebuild, on the rebuilding thread; must be cheap, thread-safe and must not throw. */
@FunctionalInterface
public interface SnapshotListener {
    SnapshotListener NONE = (namespaceKey, durationNanos) -> {
    };

    /** The namespace's state was read from the store and compiled (whole, or patched for one flag), taking {@code durationNanos}. */
    void rebuilt(String namespaceKey, long durationNanos);
}

package io.fliptj.storage;

import java.util.Optional;

/**
 * Pushes the keys of namespaces changed by any instance sharing the database, shortly after each write
 * commits, with what the write did where the store can tell. Delivery is best effort: notices can be lost (e.g. while the connection is re-established), so
 * consumers keep polling state versions as well; after a reconnection the feed reports {@link #ALL}.
 */
public interface NamespaceChangeFeed extends AutoCloseable {
    /** Reported instead of a namespace key when notices may have been missed: check every namespace. */
    String ALL = "*";

    /** Receives change notices. */
    @FunctionalInterface
    interface Listener {
        /**
         * The namespace changed; {@code write} describes the write when the notice carried it (versions, and the
         * flag when the write was confined to one). {@code namespaceKey} is {@link #ALL} after a reconnection.
         */
        void changed(String namespaceKey, Optional<NamespaceWrite> write);
    }

    /** Starts delivering to {@code listener} on a thread of the feed's own; called once. */
    void start(Listener listener);

    /** Stops delivery and releases the connection; waits for the delivering thread to end. */
    @Override
    void close();
}

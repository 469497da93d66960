package io.fliptj.storage;

import java.util.function.Consumer;

/**
 * Pushes the keys of namespaces changed by any instance sharing the database, shortly after each write
 * commits. Delivery is best effort: notices can be lost (e.g. while the connection is re-established), so
 * consumers keep polling state versions as well; after a reconnection the feed reports {@link #ALL}.
 */
public interface NamespaceChangeFeed extends AutoCloseable {
    /** Reported instead of a namespace key when notices may have been missed: check every namespace. */
    String ALL = "*";

    /** Starts delivering to {@code changed} on a thread of the feed's own; called once. */
    void start(Consumer<String> changed);

    /** Stops delivery and releases the connection; waits for the delivering thread to end. */
    @Override
    void close();
}

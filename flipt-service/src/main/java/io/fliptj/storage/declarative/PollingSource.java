package io.fliptj.storage.declarative;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DeclarativeStores} in step with a set of features files: reads them every {@code pollInterval}
 * and, when their content changed, builds a new state and swaps it in whole. Files that cannot be served (a
 * syntax error, an invalid value, a dangling reference) are logged with every problem, and the last good state
 * keeps serving. The first load happens on construction and fails start-up if the files are invalid, as in
 * Flipt.
 */
public final class PollingSource implements Managed {
    /** Where the files come from. */
    @FunctionalInterface
    public interface FileReader {
        /** The features files as they are now (a remote source fetches first). */
        List<StateBuilder.SourceFile> read() throws Exception;
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(PollingSource.class);

    private final String name;
    private final FileReader files;
    private final Duration pollInterval;
    private final Clock clock;
    private final StateBuilder builder = new StateBuilder();
    private final DeclarativeStores stores;
    private List<StateBuilder.SourceFile> lastFiles;
    private ScheduledExecutorService poller;

    public PollingSource(String name, FileReader files, Duration pollInterval, Clock clock) throws Exception {
        this.name = requireNonNull(name, "name is null");
        this.files = requireNonNull(files, "files is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.clock = requireNonNull(clock, "clock is null");
        List<StateBuilder.SourceFile> initial = files.read();
        this.stores = new DeclarativeStores(builder.build(initial, clock.instant()));
        this.lastFiles = initial;
        LOGGER.info("{}: serving {} features file(s)", name, initial.size());
    }

    public DeclarativeStores stores() {
        return stores;
    }

    /** Reads the files once and swaps in a new state when they changed; returns whether it did. */
    public synchronized boolean refresh() {
        List<StateBuilder.SourceFile> current;
        try {
            current = files.read();
        } catch (Exception error) {
            LOGGER.warn("{}: cannot read features files; serving the last good state: {}", name, error.toString());
            return false;
        }
        if (current.equals(lastFiles)) {
            return false;
        }
        try {
            stores.replace(builder.build(current, clock.instant()));
            lastFiles = current;
            LOGGER.info("{}: features files changed; serving the new state ({} file(s))", name, current.size());
            return true;
        } catch (StateBuilder.InvalidStateException invalid) {
            lastFiles = current;
            LOGGER.error("{}: features files are invalid; serving the last good state:\n  {}", name,
                    String.join("\n  ", invalid.problems().stream().map(Object::toString).toList()));
            return false;
        }
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "declarative-storage-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (poller != null) {
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

package io.fliptj.evaluation;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.EvaluationStore;
import io.fliptj.storage.NamespaceChangeFeed;
import io.fliptj.storage.NamespaceChangeListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory evaluation state of every namespace. Evaluation reads {@link #get} without locks
 * and, once a namespace is loaded, without touching the database.
 *
 * <p>Consistency: every write on this instance calls {@link #namespaceChanged} after it commits and
 * before it answers, which reloads and swaps the namespace, so a client that writes then evaluates
 * sees its write. Reloads of one namespace are serialised and each reads the store after the write
 * that triggered it committed, so the last installed state is never older than the last write.
 * Writes by other instances are picked up by a poller that compares store versions every
 * {@code pollInterval}, and sooner through {@link #refresh} where the database pushes change notices. When the store is unreachable the last loaded snapshots keep serving.
 */
public final class NamespaceSnapshots implements NamespaceChangeListener, Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(NamespaceSnapshots.class);
    private static final int MAX_MISSING_NAMESPACES = 1024;

    private final EvaluationStore store;
    private final Duration pollInterval;
    private final ConcurrentHashMap<String, CachedNamespace> namespaces = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReloadLock> reloadLocks = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;
    private volatile boolean storeFailing;

    public NamespaceSnapshots(EvaluationStore store, Duration pollInterval) {
        this.store = requireNonNull(store, "store is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    }

    /** The namespace's current state, loading it on first use. */
    public CachedNamespace get(String namespaceKey) {
        CachedNamespace cached = namespaces.get(namespaceKey);
        if (cached != null) {
            return cached;
        }
        return reload(namespaceKey);
    }

    /** Loads the given namespaces now, e.g. all of them at start-up. */
    public void preload(List<String> namespaceKeys) {
        for (String namespaceKey : namespaceKeys) {
            reload(namespaceKey);
        }
    }

    /**
     * Reloads the namespace after a committed write. Concurrent writers share reloads: a reload that
     * started after this write was announced already contains it, so the caller returns without
     * loading again.
     */
    @Override
    public void namespaceChanged(String namespaceKey) {
        ReloadLock lock = reloadLocks.computeIfAbsent(namespaceKey, key -> new ReloadLock());
        long announced = lock.announced.incrementAndGet();
        try {
            synchronized (lock) {
                if (lock.loaded >= announced) {
                    return;
                }
                long loading = lock.announced.get();
                load(namespaceKey);
                lock.loaded = loading;
            }
        } catch (RuntimeException error) {
            namespaces.remove(namespaceKey);
            LOGGER.warn("reloading namespace {} after a write failed; it will load on next use", namespaceKey, error);
        }
    }

    private CachedNamespace reload(String namespaceKey) {
        ReloadLock lock = reloadLocks.computeIfAbsent(namespaceKey, key -> new ReloadLock());
        synchronized (lock) {
            long loading = lock.announced.get();
            CachedNamespace loaded = load(namespaceKey);
            lock.loaded = Math.max(lock.loaded, loading);
            return loaded;
        }
    }

    /** Serialises reloads of one namespace and counts announced and loaded writes. */
    private static final class ReloadLock {
        private final java.util.concurrent.atomic.AtomicLong announced = new java.util.concurrent.atomic.AtomicLong();
        private long loaded;
    }

    private CachedNamespace load(String namespaceKey) {
        Optional<EvaluationState> state = store.loadEvaluationState(namespaceKey);
        CachedNamespace loaded = state
                .map(existing -> new CachedNamespace(namespaceKey, existing.version(), etagOf(existing.version()), existing,
                        NamespaceSnapshot.compile(EvaluationStates.toNamespace(existing))))
                .orElseGet(() -> new CachedNamespace(namespaceKey, "", "", null, NamespaceSnapshot.empty(namespaceKey)));
        if (loaded.exists() || namespaces.containsKey(namespaceKey) || namespaces.size() < MAX_MISSING_NAMESPACES) {
            namespaces.put(namespaceKey, loaded);
        } else {
            reloadLocks.remove(namespaceKey);
        }
        return loaded;
    }

    /**
     * Reloads the namespace if it is loaded here and its store version differs from the loaded one, e.g. when
     * another instance announced a change; {@link NamespaceChangeFeed#ALL} checks every loaded namespace.
     */
    public void refresh(String namespaceKey) {
        if (NamespaceChangeFeed.ALL.equals(namespaceKey)) {
            refreshChanged();
            return;
        }
        CachedNamespace cached = namespaces.get(namespaceKey);
        if (cached != null && !store.namespaceVersion(namespaceKey).orElse("").equals(cached.version())) {
            reload(namespaceKey);
        }
    }

    /** Compares every loaded namespace's version with the store's and reloads the changed ones. */
    void refreshChanged() {
        for (CachedNamespace cached : List.copyOf(namespaces.values())) {
            try {
                String version = store.namespaceVersion(cached.namespaceKey()).orElse("");
                if (!version.equals(cached.version())) {
                    reload(cached.namespaceKey());
                }
                if (storeFailing) {
                    storeFailing = false;
                    LOGGER.info("store reachable again; evaluation snapshots are refreshing");
                }
            } catch (RuntimeException error) {
                if (!storeFailing) {
                    storeFailing = true;
                    LOGGER.warn("cannot refresh evaluation snapshots; serving the last loaded state: {}", error.toString());
                }
                return;
            }
        }
    }

    static String etagOf(String version) {
        if (version.isEmpty()) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(version.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException error) {
            throw new IllegalStateException(error);
        }
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refreshChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (poller != null) {
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

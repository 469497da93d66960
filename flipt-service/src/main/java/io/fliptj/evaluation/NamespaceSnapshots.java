package io.fliptj.evaluation;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.fliptj.core.evaluation.EvaluationObserver;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.EvaluationStore;
import io.fliptj.storage.NamespaceChangeFeed;
import io.fliptj.storage.NamespaceChangeListener;
import io.fliptj.storage.NamespaceWrite;
import io.fliptj.storage.FlagStates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
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
    /** Above this many writes since the loaded state, a full reload is cheaper than reading the changed flags. */
    private static final int MAX_PATCHED_WRITES = 256;

    private final EvaluationStore store;
    private final Duration pollInterval;
    private final EvaluationObserver observer;
    private final SnapshotListener listener;
    private final ConcurrentHashMap<String, CachedNamespace> namespaces = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReloadLock> reloadLocks = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;
    private volatile boolean storeFailing;
    private volatile long lastVerifiedNanos = System.nanoTime();

    public NamespaceSnapshots(EvaluationStore store, Duration pollInterval) {
        this(store, pollInterval, EvaluationObserver.NONE, SnapshotListener.NONE);
    }

    /**
     * @param observer told about every evaluation against the snapshots
     * @param listener told about every rebuild
     */
    public NamespaceSnapshots(EvaluationStore store, Duration pollInterval, EvaluationObserver observer, SnapshotListener listener) {
        this.store = requireNonNull(store, "store is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** The namespaces currently held in memory, including ones looked up but absent from the store. */
    public Collection<CachedNamespace> loaded() {
        return List.copyOf(namespaces.values());
    }

    /**
     * When the snapshots were last known to match the store (the end of the last successful
     * version check, or start-up), as a {@link System#nanoTime()} reading; it falls behind while
     * the store is unreachable.
     */
    public long lastVerifiedNanos() {
        return lastVerifiedNanos;
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
     * Brings the namespace up to date after a committed write on the calling thread. A write confined to one
     * flag is patched in (only that flag is read and compiled) when every version between the loaded state and
     * the store's current one belongs to such writes reported here; otherwise the whole namespace reloads.
     * Concurrent writers share work: a reload or patch that started after this write was announced already
     * contains it, so the caller returns without loading again.
     */
    @Override
    public void namespaceChanged(String namespaceKey) {
        ReloadLock lock = lockOf(namespaceKey);
        store.lastWriteByCurrentThread(namespaceKey).ifPresent(lock::record);
        long announced = lock.announced.incrementAndGet();
        try {
            synchronized (lock) {
                if (lock.loaded >= announced) {
                    return;
                }
                long loading = lock.announced.get();
                if (!patch(namespaceKey, lock)) {
                    load(namespaceKey);
                }
                lock.loaded = loading;
            }
        } catch (RuntimeException error) {
            namespaces.remove(namespaceKey);
            LOGGER.warn("reloading namespace {} after a write failed; it will load on next use", namespaceKey, error);
        }
    }

    /**
     * Applies the recorded single-flag writes newer than the loaded state, if they account for every version up
     * to the store's current one; false when a full reload is needed instead. Runs under the namespace's lock.
     */
    private boolean patch(String namespaceKey, ReloadLock lock) {
        CachedNamespace cached = namespaces.get(namespaceKey);
        if (cached == null || !cached.exists()) {
            return false;
        }
        OptionalLong base = parseVersion(cached.version());
        if (base.isEmpty()) {
            return false;
        }
        long start = System.nanoTime();
        Map<Long, String> flagsByVersion = lock.flagWritesAfter(base.getAsLong());
        if (flagsByVersion.isEmpty() || flagsByVersion.size() > MAX_PATCHED_WRITES) {
            return false;
        }
        Set<String> flagKeys = new HashSet<>(flagsByVersion.values());
        Optional<FlagStates> changes = store.loadFlags(namespaceKey, flagKeys);
        OptionalLong current = changes.map(FlagStates::version).map(NamespaceSnapshots::parseVersion).orElse(OptionalLong.empty());
        if (current.isEmpty() || current.getAsLong() - base.getAsLong() > flagsByVersion.size()) {
            return false;
        }
        for (long version = base.getAsLong() + 1; version <= current.getAsLong(); version++) {
            if (!flagsByVersion.containsKey(version)) {
                return false;
            }
        }
        EvaluationState state = cached.state().withFlags(changes.get(), flagKeys);
        Map<String, io.fliptj.core.evaluation.Flag> changed = new HashMap<>();
        for (io.fliptj.api.Flag flag : changes.get().flags()) {
            changed.put(flag.getKey(), EvaluationStates.toFlag(flag, state));
        }
        Set<String> removed = new HashSet<>(flagKeys);
        removed.removeAll(changed.keySet());
        NamespaceSnapshot snapshot = cached.snapshot().withFlags(changed, removed);
        install(new CachedNamespace(namespaceKey, state.version(), etagOf(state.version()), state, snapshot));
        listener.rebuilt(namespaceKey, System.nanoTime() - start);
        return true;
    }

    private static OptionalLong parseVersion(String version) {
        try {
            return OptionalLong.of(Long.parseLong(version));
        } catch (NumberFormatException notNumeric) {
            return OptionalLong.empty();
        }
    }

    private CachedNamespace reload(String namespaceKey) {
        ReloadLock lock = lockOf(namespaceKey);
        synchronized (lock) {
            long loading = lock.announced.get();
            CachedNamespace loaded = load(namespaceKey);
            lock.loaded = Math.max(lock.loaded, loading);
            return loaded;
        }
    }

    private ReloadLock lockOf(String namespaceKey) {
        return reloadLocks.computeIfAbsent(namespaceKey, key -> new ReloadLock());
    }

    /**
     * Serialises reloads of one namespace, counts announced and loaded writes, and remembers which flag each
     * recent single-flag write changed, by version (guarded by its own monitor, {@code flagWrites}).
     */
    private static final class ReloadLock {
        private final java.util.concurrent.atomic.AtomicLong announced = new java.util.concurrent.atomic.AtomicLong();
        private final TreeMap<Long, String> flagWrites = new TreeMap<>();
        private long loaded;

        void record(NamespaceWrite write) {
            if (write.flagKey().isEmpty() || write.lastVersion() - write.firstVersion() >= MAX_PATCHED_WRITES) {
                return;
            }
            synchronized (flagWrites) {
                for (long version = write.firstVersion(); version <= write.lastVersion(); version++) {
                    flagWrites.put(version, write.flagKey().get());
                }
            }
        }

        /** The recorded writes after {@code version}; those up to it are forgotten. */
        Map<Long, String> flagWritesAfter(long version) {
            synchronized (flagWrites) {
                forgetUpTo(version);
                return new HashMap<>(flagWrites);
            }
        }

        void forgetUpTo(long version) {
            synchronized (flagWrites) {
                flagWrites.headMap(version, true).clear();
            }
        }
    }

    private CachedNamespace load(String namespaceKey) {
        long start = System.nanoTime();
        Optional<EvaluationState> state = store.loadEvaluationState(namespaceKey);
        CachedNamespace loaded = state
                .map(existing -> new CachedNamespace(namespaceKey, existing.version(), etagOf(existing.version()), existing,
                        NamespaceSnapshot.compile(EvaluationStates.toNamespace(existing), observer)))
                .orElseGet(() -> new CachedNamespace(namespaceKey, "", "", null, NamespaceSnapshot.empty(namespaceKey)));
        listener.rebuilt(namespaceKey, System.nanoTime() - start);
        if (loaded.exists() || namespaces.containsKey(namespaceKey) || namespaces.size() < MAX_MISSING_NAMESPACES) {
            install(loaded);
        } else {
            reloadLocks.remove(namespaceKey);
        }
        return loaded;
    }

    /** Swaps in a namespace's new state and forgets the recorded writes it contains. */
    private void install(CachedNamespace loaded) {
        namespaces.put(loaded.namespaceKey(), loaded);
        ReloadLock lock = reloadLocks.get(loaded.namespaceKey());
        OptionalLong version = parseVersion(loaded.version());
        if (lock != null && version.isPresent()) {
            lock.forgetUpTo(version.getAsLong());
        }
    }

    /**
     * Brings the namespace up to date if it is loaded here and its store version differs from the loaded one,
     * e.g. when another instance announced a change; {@link NamespaceChangeFeed#ALL} checks every loaded
     * namespace. A {@code write} confined to one flag is recorded, so the namespace can be patched instead of
     * reloaded when such writes account for every version since the loaded state.
     */
    public void refresh(String namespaceKey, Optional<NamespaceWrite> write) {
        if (NamespaceChangeFeed.ALL.equals(namespaceKey)) {
            refreshChanged();
            return;
        }
        if (namespaces.containsKey(namespaceKey)) {
            write.ifPresent(lockOf(namespaceKey)::record);
            refreshIfStale(namespaceKey, store.namespaceVersion(namespaceKey).orElse(""));
        }
    }

    /**
     * Brings a loaded namespace to the store's {@code version} unless the loaded state already has it (a write
     * on this instance may have installed it meanwhile): patched when only recorded single-flag writes are
     * missing, reloaded otherwise.
     */
    private void refreshIfStale(String namespaceKey, String version) {
        ReloadLock lock = lockOf(namespaceKey);
        synchronized (lock) {
            CachedNamespace cached = namespaces.get(namespaceKey);
            if (cached == null || cached.version().equals(version) || isNewer(cached.version(), version)) {
                return;
            }
            long loading = lock.announced.get();
            if (!patch(namespaceKey, lock)) {
                load(namespaceKey);
            }
            lock.loaded = Math.max(lock.loaded, loading);
        }
    }

    /** True when both versions are numbers and {@code loaded} is above {@code other}. */
    private static boolean isNewer(String loaded, String other) {
        OptionalLong loadedVersion = parseVersion(loaded);
        OptionalLong otherVersion = parseVersion(other);
        return loadedVersion.isPresent() && otherVersion.isPresent() && loadedVersion.getAsLong() > otherVersion.getAsLong();
    }

    /** Compares every loaded namespace's version with the store's and reloads the changed ones. */
    void refreshChanged() {
        long started = System.nanoTime();
        for (CachedNamespace cached : List.copyOf(namespaces.values())) {
            try {
                String version = store.namespaceVersion(cached.namespaceKey()).orElse("");
                if (!version.equals(cached.version())) {
                    refreshIfStale(cached.namespaceKey(), version);
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
        lastVerifiedNanos = started;
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

package io.fliptj.core.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable, pre-compiled evaluation state of one namespace: segments resolved into rules and
 * rollouts, constraint values parsed, rules and rollouts ordered by rank, distribution boundaries
 * computed.
 *
 * <p>Thread-safety: a snapshot is deeply immutable and safely published through its final fields, so
 * any number of threads may evaluate against it concurrently without locking. To apply changes,
 * compile a new snapshot from the new {@link Namespace} and swap it in (for example through an
 * {@code AtomicReference}); evaluations already running finish against the snapshot they started with.
 *
 * <p>Compilation never fails because of constraint values (unparseable values compile into
 * "never matches", as Flipt evaluates them); it fails with {@link IllegalArgumentException} only when
 * a rule or rollout references a segment missing from the namespace.
 */
public final class NamespaceSnapshot {
    private final Namespace source;
    private final Map<String, CompiledSegment> segments;
    private final Map<String, CompiledFlag> flags;
    private final EvaluationObserver observer;
    private final Evaluator evaluator;

    private NamespaceSnapshot(Namespace source, Map<String, CompiledSegment> segments, Map<String, CompiledFlag> flags,
            EvaluationObserver observer) {
        this.source = source;
        this.segments = segments;
        this.flags = flags;
        this.observer = observer;
        this.evaluator = new Evaluator(this, observer);
    }

    public static NamespaceSnapshot compile(Namespace namespace) {
        return compile(namespace, EvaluationObserver.NONE);
    }

    /** Compiles {@code namespace}; its evaluator reports every evaluation to {@code observer}. */
    public static NamespaceSnapshot compile(Namespace namespace, EvaluationObserver observer) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(observer, "observer is null");
        Map<String, CompiledSegment> segments = new HashMap<>();
        namespace.segments().forEach((key, segment) -> segments.put(key, CompiledSegment.compile(segment)));
        Map<String, CompiledFlag> flags = new HashMap<>();
        namespace.flags().forEach((key, flag) -> flags.put(key, CompiledFlag.compile(namespace.key(), flag, segments)));
        return new NamespaceSnapshot(namespace, Map.copyOf(segments), Map.copyOf(flags), observer);
    }

    /**
     * This snapshot with the flags in {@code removed} dropped and those in {@code changed} compiled in (added or
     * replacing the flag of the same key); segments and the observer are unchanged, and only the changed flags
     * are compiled.
     *
     * @throws IllegalArgumentException when a changed flag references a segment missing from the namespace
     */
    public NamespaceSnapshot withFlags(Map<String, Flag> changed, Set<String> removed) {
        requireNonNull(changed, "changed is null");
        requireNonNull(removed, "removed is null");
        Map<String, Flag> sourceFlags = new HashMap<>(source.flags());
        Map<String, CompiledFlag> compiledFlags = new HashMap<>(flags);
        for (String key : removed) {
            sourceFlags.remove(key);
            compiledFlags.remove(key);
        }
        changed.forEach((key, flag) -> {
            sourceFlags.put(key, flag);
            compiledFlags.put(key, CompiledFlag.compile(source.key(), flag, segments));
        });
        return new NamespaceSnapshot(new Namespace(source.key(), sourceFlags, source.segments()), segments, Map.copyOf(compiledFlags),
                observer);
    }

    /** A snapshot of a namespace without flags or segments (every flag look-up fails with not found). */
    public static NamespaceSnapshot empty(String namespaceKey) {
        return compile(new Namespace(namespaceKey, Map.of(), Map.of()));
    }

    public String namespaceKey() {
        return source.key();
    }

    /** The state this snapshot was compiled from. */
    public Namespace source() {
        return source;
    }

    /** The evaluator over this snapshot (one shared, stateless instance). */
    public Evaluator evaluator() {
        return evaluator;
    }

    /** The stored type of the flag, for dispatching batch requests; empty when the flag does not exist. */
    public Optional<FlagType> flagType(String flagKey) {
        CompiledFlag flag = flags.get(requireNonNull(flagKey, "flagKey is null"));
        return flag == null ? Optional.empty() : Optional.of(flag.type());
    }

    CompiledFlag flag(String flagKey) {
        return flags.get(flagKey);
    }
}

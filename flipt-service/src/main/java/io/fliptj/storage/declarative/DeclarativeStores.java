package io.fliptj.storage.declarative;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.EvaluationStore;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.ReadOnlyFlagStore;
import io.fliptj.storage.ReadOnlyNamespaceStore;
import io.fliptj.storage.ReadOnlyRolloutStore;
import io.fliptj.storage.ReadOnlyRuleStore;
import io.fliptj.storage.ReadOnlySegmentStore;
import io.fliptj.storage.ReadOnlyStores;
import io.fliptj.storage.Stores;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stores serving a {@link DeclarativeState} that a source replaces as its files change ({@link #replace}); every
 * read sees one whole state, old or new, never a mix. Writes are refused with Flipt's read-only error (through
 * {@link ReadOnlyStores}). The evaluation store reports the state's version, so evaluation snapshots polling it
 * pick a new state up. Page tokens are decimal offsets, as in Flipt's declarative stores. Thread-safe.
 */
public final class DeclarativeStores implements ReadOnlyNamespaceStore, ReadOnlyFlagStore, ReadOnlySegmentStore, ReadOnlyRuleStore,
        ReadOnlyRolloutStore, EvaluationStore {
    private final AtomicReference<DeclarativeState> state;

    public DeclarativeStores(DeclarativeState initial) {
        this.state = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    /** Serves {@code next} from now on. */
    public void replace(DeclarativeState next) {
        state.set(requireNonNull(next, "next is null"));
    }

    public DeclarativeState current() {
        return state.get();
    }

    /** The stores the services consume: these reads, every write refused. */
    public Stores stores() {
        return ReadOnlyStores.of(this, this, this, this, this, this);
    }

    // ------------------------------------------------------------------ namespaces

    @Override
    public Namespace getNamespace(String key) {
        return namespace(state.get(), key).namespace();
    }

    @Override
    public Page<Namespace> listNamespaces(PageRequest page) {
        return paginate(state.get().allNamespaces().stream().map(EvaluationState::namespace).toList(), page);
    }

    // ------------------------------------------------------------------ flags

    @Override
    public Flag getFlag(String namespaceKey, String key) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return state.get().namespace(namespace).flatMap(existing -> existing.flags().stream().filter(flag -> flag.getKey().equals(key)).findFirst())
                .orElseThrow(() -> NotFoundException.of("flag", namespace, key));
    }

    @Override
    public Page<Flag> listFlags(String namespaceKey, PageRequest page) {
        List<Flag> flags = state.get().namespace(Namespaces.orDefault(namespaceKey)).map(EvaluationState::flags).orElse(List.of()).stream()
                .map(flag -> flag.hasMetadata() ? flag : flag.toBuilder().setMetadata(Struct.getDefaultInstance()).build())
                .toList();
        return paginate(flags, page);
    }

    // ------------------------------------------------------------------ segments

    @Override
    public Segment getSegment(String namespaceKey, String key) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return state.get().namespace(namespace).flatMap(existing -> existing.segments().stream()
                        .filter(segment -> segment.getKey().equals(key)).findFirst())
                .orElseThrow(() -> NotFoundException.of("segment", namespace, key));
    }

    @Override
    public Page<Segment> listSegments(String namespaceKey, PageRequest page) {
        return paginate(state.get().namespace(Namespaces.orDefault(namespaceKey)).map(EvaluationState::segments).orElse(List.of()), page);
    }

    // ------------------------------------------------------------------ rules and rollouts

    @Override
    public Rule getRule(String namespaceKey, String id) {
        String namespace = Namespaces.orDefault(namespaceKey);
        Rule rule = state.get().rulesById().getOrDefault(namespace, java.util.Map.of()).get(id);
        if (rule == null) {
            throw NotFoundException.of("rule", namespace, id);
        }
        return rule;
    }

    @Override
    public Page<Rule> listRules(String namespaceKey, String flagKey, PageRequest page) {
        return paginate(state.get().namespace(Namespaces.orDefault(namespaceKey)).map(existing -> existing.rules(flagKey)).orElse(List.of()), page);
    }

    @Override
    public Rollout getRollout(String namespaceKey, String id) {
        String namespace = Namespaces.orDefault(namespaceKey);
        Rollout rollout = state.get().rolloutsById().getOrDefault(namespace, java.util.Map.of()).get(id);
        if (rollout == null) {
            throw NotFoundException.of("rollout", namespace, id);
        }
        return rollout;
    }

    @Override
    public Page<Rollout> listRollouts(String namespaceKey, String flagKey, PageRequest page) {
        return paginate(state.get().namespace(Namespaces.orDefault(namespaceKey)).map(existing -> existing.rollouts(flagKey)).orElse(List.of()),
                page);
    }

    // ------------------------------------------------------------------ evaluation

    @Override
    public Optional<String> namespaceVersion(String namespaceKey) {
        return state.get().namespace(Namespaces.orDefault(namespaceKey)).map(EvaluationState::version);
    }

    @Override
    public Optional<EvaluationState> loadEvaluationState(String namespaceKey) {
        return state.get().namespace(Namespaces.orDefault(namespaceKey));
    }

    private static EvaluationState namespace(DeclarativeState state, String key) {
        return state.namespace(key).orElseThrow(() -> new NotFoundException("namespace " + GoStrings.quote(key) + " not found"));
    }

    private static <T> Page<T> paginate(List<T> items, PageRequest page) {
        int start = page.offset();
        if (!page.pageToken().isEmpty()) {
            try {
                start = Integer.parseInt(page.pageToken());
            } catch (NumberFormatException invalid) {
                throw new InvalidArgumentException("pageToken is not valid: " + GoStrings.quote(page.pageToken()));
            }
            if (start < 0) {
                throw new InvalidArgumentException("pageToken is not valid: " + GoStrings.quote(page.pageToken()));
            }
        }
        start = Math.min(start, items.size());
        int end = page.unlimited() ? items.size() : Math.min(items.size(), start + page.limit());
        String next = end < items.size() && !page.unlimited() ? Integer.toString(end) : "";
        return new Page<>(items.subList(start, end), next, items.size());
    }
}

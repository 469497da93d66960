package io.fliptj.storage.declarative;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Rollout;
import io.fliptj.api.Rule;
import io.fliptj.storage.EvaluationState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole flag state read from a set of features files, immutable: per namespace key (in key order) its
 * {@link EvaluationState} (flags and segments ordered by key, rules and rollouts by rank), plus rules and
 * rollouts by id. {@code version} changes whenever the files' content does.
 */
public record DeclarativeState(String version, SortedMap<String, EvaluationState> namespaces, Map<String, Map<String, Rule>> rulesById,
        Map<String, Map<String, Rollout>> rolloutsById) {
    public DeclarativeState {
        requireNonNull(version, "version is null");
        namespaces = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(namespaces));
        rulesById = Map.copyOf(rulesById);
        rolloutsById = Map.copyOf(rolloutsById);
    }

    public Optional<EvaluationState> namespace(String key) {
        return Optional.ofNullable(namespaces.get(key));
    }

    public List<EvaluationState> allNamespaces() {
        return List.copyOf(namespaces.values());
    }
}

package io.fliptj.storage;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads what evaluation needs, a whole namespace at a time. Implementations are thread-safe. */
public interface EvaluationStore {
    /**
     * The version of the namespace's state, or empty when the namespace does not exist: a decimal number
     * advanced by exactly one by every write in the namespace (in the write's own transaction), so the
     * difference of two versions counts the writes between them; a re-created namespace starts above any
     * version it had before.
     */
    Optional<String> namespaceVersion(String namespaceKey);

    /**
     * What the calling thread's most recent committed write did to the namespace; empty when that write did
     * not change the namespace's version (or the store cannot tell: the default). Lets a writer tell which
     * versions its own write produced and whether it was confined to one flag.
     */
    default Optional<NamespaceWrite> lastWriteByCurrentThread(String namespaceKey) {
        return Optional.empty();
    }

    /**
     * The given flags with their rules and rollouts, read in one transaction with the namespace's version;
     * empty when the namespace does not exist. The default reads the whole namespace and keeps those flags.
     */
    default Optional<FlagStates> loadFlags(String namespaceKey, Set<String> flagKeys) {
        return loadEvaluationState(namespaceKey).map(state -> new FlagStates(
                state.version(),
                state.flags().stream().filter(flag -> flagKeys.contains(flag.getKey())).toList(),
                state.rulesByFlag().entrySet().stream().filter(entry -> flagKeys.contains(entry.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                state.rolloutsByFlag().entrySet().stream().filter(entry -> flagKeys.contains(entry.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    /**
     * Everything in one namespace, read in a single transaction so that the content matches
     * {@link EvaluationState#version()}; empty when the namespace does not exist.
     */
    Optional<EvaluationState> loadEvaluationState(String namespaceKey);
}

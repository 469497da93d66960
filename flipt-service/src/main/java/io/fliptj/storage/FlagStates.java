package io.fliptj.storage;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Flag;
import io.fliptj.api.Rollout;
import io.fliptj.api.Rule;
import java.util.List;
import java.util.Map;

/**
 * A consistent copy of some flags of a namespace, read together with the namespace's version: the flags that
 * exist among those asked for (ordered as in {@link EvaluationState}), with their rules and rollouts by rank.
 */
public record FlagStates(
        String version,
        List<Flag> flags,
        Map<String, List<Rule>> rulesByFlag,
        Map<String, List<Rollout>> rolloutsByFlag) {

    public FlagStates {
        requireNonNull(version, "version is null");
        flags = List.copyOf(flags);
        rulesByFlag = Map.copyOf(rulesByFlag);
        rolloutsByFlag = Map.copyOf(rolloutsByFlag);
    }
}

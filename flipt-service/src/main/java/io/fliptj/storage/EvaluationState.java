package io.fliptj.storage;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A consistent copy of one namespace: flags (with variants, ordered by creation time, and their default
 * variant), segments (with constraints), and per flag key its rules and rollouts ordered by rank. Rules
 * carry their distributions. Flags without rules or rollouts have no entry in the maps.
 */
public record EvaluationState(
        Namespace namespace,
        String version,
        List<Flag> flags,
        List<Segment> segments,
        Map<String, List<Rule>> rulesByFlag,
        Map<String, List<Rollout>> rolloutsByFlag) {

    public EvaluationState {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(version, "version is null");
        flags = List.copyOf(flags);
        segments = List.copyOf(segments);
        rulesByFlag = copyOfLists(rulesByFlag);
        rolloutsByFlag = copyOfLists(rolloutsByFlag);
    }

    /**
     * This state with the flags {@code replaced} taken from {@code changes} and the version of {@code changes}:
     * each replaced flag keeps its position, or leaves when {@code changes} lacks it; flags of {@code changes}
     * not here yet are appended in their order. The caller vouches that nothing else changed in between.
     */
    public EvaluationState withFlags(FlagStates changes, Set<String> replaced) {
        Map<String, Flag> changedFlags = new LinkedHashMap<>();
        changes.flags().forEach(flag -> changedFlags.put(flag.getKey(), flag));
        List<Flag> merged = new ArrayList<>(flags.size() + changedFlags.size());
        for (Flag flag : flags) {
            if (!replaced.contains(flag.getKey())) {
                merged.add(flag);
            } else {
                Flag changed = changedFlags.remove(flag.getKey());
                if (changed != null) {
                    merged.add(changed);
                }
            }
        }
        merged.addAll(changedFlags.values());
        Map<String, List<Rule>> rules = new HashMap<>(rulesByFlag);
        Map<String, List<Rollout>> rollouts = new HashMap<>(rolloutsByFlag);
        for (String key : replaced) {
            rules.remove(key);
            rollouts.remove(key);
        }
        rules.putAll(changes.rulesByFlag());
        rollouts.putAll(changes.rolloutsByFlag());
        return new EvaluationState(namespace, changes.version(), merged, segments, rules, rollouts);
    }

    /** Rules of a flag ordered by rank; empty when it has none. */
    public List<Rule> rules(String flagKey) {
        return rulesByFlag.getOrDefault(flagKey, List.of());
    }

    /** Rollouts of a flag ordered by rank; empty when it has none. */
    public List<Rollout> rollouts(String flagKey) {
        return rolloutsByFlag.getOrDefault(flagKey, List.of());
    }

    /** The segment keys of a rule whether it carries one ({@code segmentKey}) or several. */
    public static List<String> segmentKeys(Rule rule) {
        return rule.getSegmentKey().isEmpty() ? List.copyOf(rule.getSegmentKeysList()) : List.of(rule.getSegmentKey());
    }

    /** The segment keys of a segment rollout whether it carries one ({@code segmentKey}) or several. */
    public static List<String> segmentKeys(RolloutSegment segment) {
        return segment.getSegmentKey().isEmpty()
                ? List.copyOf(segment.getSegmentKeysList())
                : List.of(segment.getSegmentKey());
    }

    private static <T> Map<String, List<T>> copyOfLists(Map<String, List<T>> source) {
        return source.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }
}

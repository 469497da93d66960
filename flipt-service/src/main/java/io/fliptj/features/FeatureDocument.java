package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One document of a features file ({@code features.yml}): the state of one namespace in Flipt's declarative
 * format. Absent text fields are empty strings; {@code line} is the 1-based line where the element starts in
 * its file (0 for documents built in memory), so problems can point at it.
 */
public record FeatureDocument(String version, NamespaceSpec namespace, List<FlagSpec> flags, List<SegmentSpec> segments, int line) {
    public FeatureDocument {
        requireNonNull(version, "version is null");
        flags = List.copyOf(flags);
        segments = List.copyOf(segments);
    }

    /** The namespace key this document addresses ({@code default} when it names none). */
    public String namespaceKey() {
        return namespace == null || namespace.key().isEmpty() ? "default" : namespace.key();
    }

    /** {@code namespace: key} ({@code keyOnly}) or {@code namespace: {key, name, description}}. */
    public record NamespaceSpec(String key, String name, String description, boolean keyOnly, int line) {
        public NamespaceSpec {
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
        }
    }

    /** A flag; {@code metadata} is null when absent, {@code type} empty when absent. */
    public record FlagSpec(String key, String name, String type, String description, boolean enabled, ObjectNode metadata,
            List<VariantSpec> variants, List<RuleSpec> rules, List<RolloutSpec> rollouts, int line) {
        public FlagSpec {
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(description, "description is null");
            variants = List.copyOf(variants);
            rules = List.copyOf(rules);
            rollouts = List.copyOf(rollouts);
        }
    }

    /** A variant; {@code attachment} is null when absent (or YAML null), otherwise any JSON value. */
    public record VariantSpec(boolean isDefault, String key, String name, String description, JsonNode attachment, int line) {
        public VariantSpec {
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
        }
    }

    /** A rule of a variant flag; {@code rank} is 0 when absent. */
    public record RuleSpec(SegmentSelector segment, int rank, List<DistributionSpec> distributions, int line) {
        public RuleSpec {
            requireNonNull(segment, "segment is null");
            distributions = List.copyOf(distributions);
        }
    }

    /**
     * The segments of a rule: {@code segment: key} ({@code singleKey}) or {@code segment: {keys, operator}};
     * {@code operator} is empty when absent.
     */
    public record SegmentSelector(List<String> keys, String operator, boolean singleKey) {
        public SegmentSelector {
            keys = List.copyOf(keys);
            requireNonNull(operator, "operator is null");
        }
    }

    public record DistributionSpec(String variant, float rollout, int line) {
        public DistributionSpec {
            requireNonNull(variant, "variant is null");
        }
    }

    /** A rollout of a boolean flag: a segment rule, a threshold rule, or (invalid) neither or both. */
    public record RolloutSpec(String description, RolloutSegmentSpec segment, ThresholdSpec threshold, int line) {
        public RolloutSpec {
            requireNonNull(description, "description is null");
        }
    }

    /** {@code segment: {key | keys, operator, value}}; {@code key} and {@code operator} empty when absent. */
    public record RolloutSegmentSpec(String key, List<String> keys, String operator, boolean value, int line) {
        public RolloutSegmentSpec {
            requireNonNull(key, "key is null");
            keys = List.copyOf(keys);
            requireNonNull(operator, "operator is null");
        }

        /** The segment keys whichever way they were given. */
        public List<String> segmentKeys() {
            return key.isEmpty() ? keys : List.of(key);
        }
    }

    public record ThresholdSpec(float percentage, boolean value, int line) {
    }

    /** A segment; {@code matchType} empty when absent. */
    public record SegmentSpec(String key, String name, String description, List<ConstraintSpec> constraints, String matchType, int line) {
        public SegmentSpec {
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            constraints = List.copyOf(constraints);
            requireNonNull(matchType, "matchType is null");
        }
    }

    public record ConstraintSpec(String type, String property, String operator, String value, String description, int line) {
        public ConstraintSpec {
            requireNonNull(type, "type is null");
            requireNonNull(property, "property is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(value, "value is null");
            requireNonNull(description, "description is null");
        }
    }
}

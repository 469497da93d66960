package io.fliptj.evaluation;

import com.google.protobuf.Timestamp;
import io.fliptj.core.evaluation.ComparisonType;
import io.fliptj.core.evaluation.Constraint;
import io.fliptj.core.evaluation.Distribution;
import io.fliptj.core.evaluation.Flag;
import io.fliptj.core.evaluation.FlagType;
import io.fliptj.core.evaluation.MatchType;
import io.fliptj.core.evaluation.Namespace;
import io.fliptj.core.evaluation.Rollout;
import io.fliptj.core.evaluation.RolloutSegment;
import io.fliptj.core.evaluation.RolloutThreshold;
import io.fliptj.core.evaluation.Rule;
import io.fliptj.core.evaluation.Segment;
import io.fliptj.core.evaluation.SegmentOperator;
import io.fliptj.core.evaluation.Variant;
import io.fliptj.storage.EvaluationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts a storage {@link EvaluationState} (wire messages) into the engine's input model. */
public final class EvaluationStates {
    private EvaluationStates() {
        throw new AssertionError("no instances");
    }

    public static Namespace toNamespace(EvaluationState state) {
        Map<String, Segment> segments = new LinkedHashMap<>();
        for (io.fliptj.api.Segment segment : state.segments()) {
            segments.put(segment.getKey(), toSegment(segment));
        }
        Map<String, Flag> flags = new LinkedHashMap<>();
        for (io.fliptj.api.Flag flag : state.flags()) {
            flags.put(flag.getKey(), toFlag(flag, state));
        }
        return new Namespace(state.namespace().getKey(), flags, segments);
    }

    static Flag toFlag(io.fliptj.api.Flag flag, EvaluationState state) {
        Map<String, Variant> variantsById = new HashMap<>();
        List<Variant> variants = new ArrayList<>(flag.getVariantsCount());
        for (io.fliptj.api.Variant variant : flag.getVariantsList()) {
            Variant converted = new Variant(variant.getId(), variant.getKey(), variant.getAttachment());
            variants.add(converted);
            variantsById.put(variant.getId(), converted);
        }
        Variant defaultVariant = flag.hasDefaultVariant() ? variantsById.get(flag.getDefaultVariant().getId()) : null;
        if (flag.hasDefaultVariant() && defaultVariant == null) {
            io.fliptj.api.Variant stored = flag.getDefaultVariant();
            defaultVariant = new Variant(stored.getId(), stored.getKey(), stored.getAttachment());
        }
        FlagType type = switch (flag.getType()) {
            case VARIANT_FLAG_TYPE, UNRECOGNIZED -> FlagType.VARIANT;
            case BOOLEAN_FLAG_TYPE -> FlagType.BOOLEAN;
        };
        List<Rule> rules = new ArrayList<>();
        for (io.fliptj.api.Rule rule : state.rules(flag.getKey())) {
            List<Distribution> distributions = new ArrayList<>(rule.getDistributionsCount());
            for (io.fliptj.api.Distribution distribution : rule.getDistributionsList()) {
                Variant variant = variantsById.get(distribution.getVariantId());
                distributions.add(new Distribution(distribution.getId(), rule.getId(), distribution.getVariantId(),
                        variant == null ? "" : variant.key(), variant == null ? "" : variant.attachment(), distribution.getRollout()));
            }
            rules.add(new Rule(rule.getId(), rule.getRank(), toOperator(rule.getSegmentOperator()),
                    EvaluationState.segmentKeys(rule), distributions));
        }
        List<Rollout> rollouts = new ArrayList<>();
        for (io.fliptj.api.Rollout rollout : state.rollouts(flag.getKey())) {
            switch (rollout.getRuleCase()) {
                case THRESHOLD -> rollouts.add(Rollout.threshold(rollout.getId(), rollout.getRank(),
                        new RolloutThreshold(rollout.getThreshold().getPercentage(), rollout.getThreshold().getValue())));
                case SEGMENT -> rollouts.add(Rollout.segment(rollout.getId(), rollout.getRank(),
                        new RolloutSegment(EvaluationState.segmentKeys(rollout.getSegment()),
                                toOperator(rollout.getSegment().getSegmentOperator()), rollout.getSegment().getValue())));
                case RULE_NOT_SET -> {
                }
            }
        }
        return new Flag(flag.getKey(), flag.getName(), flag.getDescription(), flag.getEnabled(), type, variants,
                defaultVariant, rules, rollouts, toInstant(flag.hasCreatedAt(), flag.getCreatedAt()),
                toInstant(flag.hasUpdatedAt(), flag.getUpdatedAt()));
    }

    private static Segment toSegment(io.fliptj.api.Segment segment) {
        List<Constraint> constraints = new ArrayList<>(segment.getConstraintsCount());
        for (io.fliptj.api.Constraint constraint : segment.getConstraintsList()) {
            constraints.add(new Constraint(constraint.getId(), toComparisonType(constraint.getType()), constraint.getProperty(),
                    constraint.getOperator(), constraint.getValue(), constraint.getDescription()));
        }
        MatchType matchType = switch (segment.getMatchType()) {
            case ALL_MATCH_TYPE, UNRECOGNIZED -> MatchType.ALL;
            case ANY_MATCH_TYPE -> MatchType.ANY;
        };
        return new Segment(segment.getKey(), segment.getName(), segment.getDescription(), matchType, constraints);
    }

    static ComparisonType toComparisonType(io.fliptj.api.ComparisonType type) {
        return switch (type) {
            case STRING_COMPARISON_TYPE -> ComparisonType.STRING;
            case NUMBER_COMPARISON_TYPE -> ComparisonType.NUMBER;
            case BOOLEAN_COMPARISON_TYPE -> ComparisonType.BOOLEAN;
            case DATETIME_COMPARISON_TYPE -> ComparisonType.DATETIME;
            case ENTITY_ID_COMPARISON_TYPE -> ComparisonType.ENTITY_ID;
            case UNKNOWN_COMPARISON_TYPE, UNRECOGNIZED -> ComparisonType.UNKNOWN;
        };
    }

    private static SegmentOperator toOperator(io.fliptj.api.SegmentOperator operator) {
        return switch (operator) {
            case OR_SEGMENT_OPERATOR, UNRECOGNIZED -> SegmentOperator.OR;
            case AND_SEGMENT_OPERATOR -> SegmentOperator.AND;
        };
    }

    private static Instant toInstant(boolean present, Timestamp timestamp) {
        return present ? Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()) : null;
    }
}

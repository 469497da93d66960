package io.fliptj.features;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.fliptj.api.ComparisonType;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.FlagType;
import io.fliptj.api.MatchType;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.RolloutThreshold;
import io.fliptj.api.SegmentOperator;
import io.fliptj.features.FeatureDocument.ConstraintSpec;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.NamespaceSpec;
import io.fliptj.features.FeatureDocument.RolloutSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import java.util.Optional;

/**
 * The API requests a features document stands for, built as Flipt's importer builds them, so that importing
 * is a sequence of ordinary API calls and validation can run the API's own request checks on each.
 */
public final class FeatureRequests {
    private FeatureRequests() {
        throw new AssertionError("no instances");
    }

    public static CreateNamespaceRequest namespace(NamespaceSpec namespace) {
        return CreateNamespaceRequest.newBuilder()
                .setKey(namespace.key())
                .setName(namespace.keyOnly() ? namespace.key() : namespace.name())
                .setDescription(namespace.description())
                .build();
    }

    public static CreateFlagRequest flag(String namespaceKey, FlagSpec flag) {
        CreateFlagRequest.Builder request = CreateFlagRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setKey(flag.key())
                .setName(flag.name())
                .setDescription(flag.description())
                .setEnabled(flag.enabled())
                .setType(flagType(flag.type()).orElse(FlagType.VARIANT_FLAG_TYPE));
        if (flag.metadata() != null) {
            request.setMetadata(metadata(flag));
        }
        return request.build();
    }

    /** The flag's metadata as a protobuf Struct (numbers become doubles, as in Flipt). */
    public static Struct metadata(FlagSpec flag) {
        Struct.Builder metadata = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(GoJson.write(flag.metadata()), metadata);
        } catch (InvalidProtocolBufferException error) {
            throw new IllegalArgumentException("metadata cannot be stored: " + error.getMessage(), error);
        }
        return metadata.build();
    }

    public static CreateVariantRequest variant(String namespaceKey, String flagKey, VariantSpec variant) {
        return CreateVariantRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey)
                .setKey(variant.key())
                .setName(variant.name())
                .setDescription(variant.description())
                .setAttachment(attachment(variant))
                .build();
    }

    /** The attachment as the JSON text Flipt stores for it; empty when there is none. */
    public static String attachment(VariantSpec variant) {
        return variant.attachment() == null ? "" : GoJson.write(variant.attachment());
    }

    public static CreateSegmentRequest segment(String namespaceKey, SegmentSpec segment) {
        return CreateSegmentRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setKey(segment.key())
                .setName(segment.name())
                .setDescription(segment.description())
                .setMatchType(matchType(segment.matchType()).orElse(MatchType.ALL_MATCH_TYPE))
                .build();
    }

    public static CreateConstraintRequest constraint(String namespaceKey, String segmentKey, ConstraintSpec constraint) {
        return CreateConstraintRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setSegmentKey(segmentKey)
                .setType(comparisonType(constraint.type()).orElse(ComparisonType.UNKNOWN_COMPARISON_TYPE))
                .setProperty(constraint.property())
                .setOperator(constraint.operator())
                .setValue(constraint.value())
                .setDescription(constraint.description())
                .build();
    }

    /** A rule; without an explicit rank it gets its position (from version 1.1 on, as in Flipt). */
    public static CreateRuleRequest rule(String namespaceKey, String flagKey, RuleSpec rule, int index, FormatVersion version) {
        int rank = rule.rank();
        if (rank == 0 && version.atLeast(FormatVersion.V1_1)) {
            rank = index + 1;
        }
        CreateRuleRequest.Builder request = CreateRuleRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey)
                .setRank(rank);
        if (rule.segment().singleKey()) {
            request.setSegmentKey(rule.segment().keys().get(0));
        } else {
            request.addAllSegmentKeys(rule.segment().keys())
                    .setSegmentOperator(segmentOperator(rule.segment().operator()).orElse(SegmentOperator.OR_SEGMENT_OPERATOR));
        }
        return request.build();
    }

    public static CreateDistributionRequest distribution(String namespaceKey, String flagKey, String ruleId, String variantId,
            DistributionSpec distribution) {
        return CreateDistributionRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey)
                .setRuleId(ruleId)
                .setVariantId(variantId)
                .setRollout(distribution.rollout())
                .build();
    }

    /** A rollout at its position (rank = index + 1, as in Flipt). */
    public static CreateRolloutRequest rollout(String namespaceKey, String flagKey, RolloutSpec rollout, int index) {
        CreateRolloutRequest.Builder request = CreateRolloutRequest.newBuilder()
                .setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey)
                .setDescription(rollout.description())
                .setRank(index + 1);
        if (rollout.segment() != null) {
            RolloutSegment.Builder segment = RolloutSegment.newBuilder()
                    .setValue(rollout.segment().value())
                    .setSegmentKey(rollout.segment().key())
                    .addAllSegmentKeys(rollout.segment().keys())
                    .setSegmentOperator(segmentOperator(rollout.segment().operator()).orElse(SegmentOperator.OR_SEGMENT_OPERATOR));
            request.setSegment(segment);
        } else if (rollout.threshold() != null) {
            request.setThreshold(RolloutThreshold.newBuilder()
                    .setPercentage(rollout.threshold().percentage())
                    .setValue(rollout.threshold().value()));
        }
        return request.build();
    }

    static Optional<FlagType> flagType(String name) {
        return enumValue(FlagType.class, name);
    }

    static Optional<MatchType> matchType(String name) {
        return enumValue(MatchType.class, name);
    }

    static Optional<ComparisonType> comparisonType(String name) {
        return enumValue(ComparisonType.class, name);
    }

    static Optional<SegmentOperator> segmentOperator(String name) {
        return enumValue(SegmentOperator.class, name);
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
        if (name.isEmpty() || name.equals("UNRECOGNIZED")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}

package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.fliptj.api.Constraint;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.api.SegmentOperator;
import io.fliptj.api.Variant;
import io.fliptj.features.FeatureDocument.ConstraintSpec;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.NamespaceSpec;
import io.fliptj.features.FeatureDocument.RolloutSegmentSpec;
import io.fliptj.features.FeatureDocument.RolloutSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSelector;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.ThresholdSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports namespaces as features documents, as Flipt's exporter does: one document per namespace, the
 * version on the first only, the namespace as {@code {key, name, description}}, flags and segments in the
 * API's order (or by key with {@code sortByKey}, which also orders variants and namespaces).
 */
public final class Exporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureApi api;
    private final boolean sortByKey;

    public Exporter(FeatureApi api, boolean sortByKey) {
        this.api = requireNonNull(api, "api is null");
        this.sortByKey = sortByKey;
    }

    /** Documents for the given namespaces, in the given order. */
    public List<FeatureDocument> export(List<String> namespaceKeys) {
        List<Namespace> namespaces = new ArrayList<>();
        for (String key : namespaceKeys) {
            namespaces.add(api.findNamespace(key)
                    .orElseThrow(() -> new FeatureApi.ApiException(5, "namespace \"" + key + "\" not found")));
        }
        return documents(namespaces);
    }

    /** Documents for every namespace. */
    public List<FeatureDocument> exportAll() {
        List<Namespace> namespaces = new ArrayList<>(api.listNamespaces());
        if (sortByKey) {
            namespaces.sort(Comparator.comparing(Namespace::getKey));
        }
        return documents(namespaces);
    }

    private List<FeatureDocument> documents(List<Namespace> namespaces) {
        List<FeatureDocument> documents = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            String version = documents.isEmpty() ? FormatVersion.LATEST.text() : "";
            documents.add(document(namespace, version));
        }
        return documents;
    }

    private FeatureDocument document(Namespace namespace, String version) {
        List<Flag> flags = new ArrayList<>(api.listFlags(namespace.getKey()));
        List<Segment> segments = new ArrayList<>(api.listSegments(namespace.getKey()));
        if (sortByKey) {
            flags.sort(Comparator.comparing(Flag::getKey));
            segments.sort(Comparator.comparing(Segment::getKey));
        }
        List<FlagSpec> flagSpecs = new ArrayList<>();
        for (Flag flag : flags) {
            flagSpecs.add(flag(namespace.getKey(), flag));
        }
        List<SegmentSpec> segmentSpecs = segments.stream().map(Exporter::segment).toList();
        return new FeatureDocument(version,
                new NamespaceSpec(namespace.getKey(), namespace.getName(), namespace.getDescription(), false, 0),
                flagSpecs, segmentSpecs, 0);
    }

    private FlagSpec flag(String namespaceKey, Flag flag) {
        List<Variant> variants = new ArrayList<>(flag.getVariantsList());
        if (sortByKey) {
            variants.sort(Comparator.comparing(Variant::getKey));
        }
        Map<String, String> variantKeys = new HashMap<>();
        List<VariantSpec> variantSpecs = new ArrayList<>();
        for (Variant variant : variants) {
            variantKeys.put(variant.getId(), variant.getKey());
            boolean isDefault = flag.hasDefaultVariant() && flag.getDefaultVariant().getId().equals(variant.getId());
            variantSpecs.add(new VariantSpec(isDefault, variant.getKey(), variant.getName(), variant.getDescription(),
                    attachment(variant.getAttachment()), 0));
        }
        List<RuleSpec> rules = new ArrayList<>();
        for (Rule rule : api.listRules(namespaceKey, flag.getKey())) {
            SegmentSelector segment = rule.getSegmentKey().isEmpty()
                    ? new SegmentSelector(rule.getSegmentKeysList(), rule.getSegmentOperator().name(), false)
                    : new SegmentSelector(List.of(rule.getSegmentKey()), "", true);
            List<DistributionSpec> distributions = new ArrayList<>();
            for (Distribution distribution : rule.getDistributionsList()) {
                distributions.add(new DistributionSpec(variantKeys.getOrDefault(distribution.getVariantId(), ""), distribution.getRollout(), 0));
            }
            rules.add(new RuleSpec(segment, 0, distributions, 0));
        }
        List<RolloutSpec> rollouts = new ArrayList<>();
        for (Rollout rollout : api.listRollouts(namespaceKey, flag.getKey())) {
            rollouts.add(rollout(rollout));
        }
        return new FlagSpec(flag.getKey(), flag.getName(), flag.getType().name(), flag.getDescription(), flag.getEnabled(),
                metadata(flag), variantSpecs, rules, rollouts, 0);
    }

    private static RolloutSpec rollout(Rollout rollout) {
        return switch (rollout.getRuleCase()) {
            case SEGMENT -> {
                RolloutSegment segment = rollout.getSegment();
                String operator = segment.getSegmentOperator() == SegmentOperator.AND_SEGMENT_OPERATOR
                        ? SegmentOperator.AND_SEGMENT_OPERATOR.name() : "";
                RolloutSegmentSpec spec = segment.getSegmentKey().isEmpty()
                        ? new RolloutSegmentSpec("", segment.getSegmentKeysList(), operator, segment.getValue(), 0)
                        : new RolloutSegmentSpec(segment.getSegmentKey(), List.of(), operator, segment.getValue(), 0);
                yield new RolloutSpec(rollout.getDescription(), spec, null, 0);
            }
            case THRESHOLD -> new RolloutSpec(rollout.getDescription(), null,
                    new ThresholdSpec(rollout.getThreshold().getPercentage(), rollout.getThreshold().getValue(), 0), 0);
            case RULE_NOT_SET -> new RolloutSpec(rollout.getDescription(), null, null, 0);
        };
    }

    private static SegmentSpec segment(Segment segment) {
        List<ConstraintSpec> constraints = new ArrayList<>();
        for (Constraint constraint : segment.getConstraintsList()) {
            constraints.add(new ConstraintSpec(constraint.getType().name(), constraint.getProperty(), constraint.getOperator(),
                    constraint.getValue(), constraint.getDescription(), 0));
        }
        return new SegmentSpec(segment.getKey(), segment.getName(), segment.getDescription(), constraints,
                segment.getMatchType().name(), 0);
    }

    private static JsonNode attachment(String attachment) {
        if (attachment.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(attachment);
        } catch (JsonProcessingException error) {
            throw new FeatureApi.ApiException(-1, "unmarshaling variant attachment: " + error.getOriginalMessage(), error);
        }
    }

    private static ObjectNode metadata(Flag flag) {
        if (!flag.hasMetadata() || flag.getMetadata().getFieldsCount() == 0) {
            return null;
        }
        try {
            return (ObjectNode) JSON.readTree(JsonFormat.printer().omittingInsignificantWhitespace().print(flag.getMetadata()));
        } catch (InvalidProtocolBufferException | JsonProcessingException error) {
            throw new FeatureApi.ApiException(-1, "reading flag metadata: " + error.getMessage(), error);
        }
    }
}

package io.fliptj.storage.declarative;

import com.google.protobuf.Timestamp;
import io.fliptj.api.ComparisonType;
import io.fliptj.api.Constraint;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.FlagType;
import io.fliptj.api.MatchType;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.RolloutThreshold;
import io.fliptj.api.RolloutType;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.api.SegmentOperator;
import io.fliptj.api.Variant;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.features.FeatureDocument;
import io.fliptj.features.FeatureDocument.ConstraintSpec;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.RolloutSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import io.fliptj.features.FeatureReader;
import io.fliptj.features.FeatureRequests;
import io.fliptj.features.FeatureValidator;
import io.fliptj.features.Problem;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.Namespaces;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds a {@link DeclarativeState} from features files as Flipt builds its declarative snapshots: the
 * {@code default} namespace always exists; documents add to their namespace in file order; ranks are list
 * positions. Unlike Flipt, ids are derived from the position of each element (the same files give the same
 * ids after every reload), and files are checked by the same validation as {@code validate}: any problem
 * (including unknown fields and references to segments or variants that do not exist) rejects the whole set.
 */
public final class StateBuilder {
    private static final Set<String> NO_VALUE_OPERATORS = Set.of("empty", "notempty", "true", "false", "present", "notpresent");

    /** A features file: its path (relative to the source root) and text. */
    public record SourceFile(String path, String text) {
    }

    /** The files cannot be served; every problem found. */
    public static final class InvalidStateException extends Exception {
        private final transient List<Problem> problems;

        InvalidStateException(List<Problem> problems) {
            super(problems.size() + " problem(s), first: " + problems.get(0));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final RequestValidator requests = new RequestValidator();

    public DeclarativeState build(List<SourceFile> files, Instant loadedAt) throws InvalidStateException {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<FeatureDocument>> documentsByFile = new LinkedHashMap<>();
        for (SourceFile file : files) {
            FeatureReader.Result read = FeatureReader.read(file.path(), file.text(), FeatureReader.Encoding.ofFileName(file.path()));
            problems.addAll(read.problems());
            documentsByFile.put(file.path(), read.documents());
        }
        Map<String, Set<String>> segmentsByNamespace = new HashMap<>();
        documentsByFile.values().forEach(documents -> documents.forEach(document -> document.segments().forEach(segment ->
                segmentsByNamespace.computeIfAbsent(document.namespaceKey(), key -> new HashSet<>()).add(segment.key()))));
        FeatureValidator validator = new FeatureValidator(requests);
        documentsByFile.forEach((file, documents) -> problems.addAll(validator.validate(file, documents,
                namespaceKey -> segmentsByNamespace.getOrDefault(namespaceKey, Set.of()))));
        if (!problems.isEmpty()) {
            throw new InvalidStateException(problems);
        }
        Timestamp now = Timestamp.newBuilder().setSeconds(loadedAt.getEpochSecond()).setNanos(loadedAt.getNano() / 1000 * 1000).build();
        String version = version(files);
        Map<String, NamespaceBuilder> namespaces = new TreeMap<>();
        namespaces.put(Namespaces.DEFAULT, new NamespaceBuilder(Namespace.newBuilder()
                .setKey(Namespaces.DEFAULT).setName("Default").setDescription("Default namespace").setProtected(true)
                .setCreatedAt(now).setUpdatedAt(now).build(), now));
        for (List<FeatureDocument> documents : documentsByFile.values()) {
            for (FeatureDocument document : documents) {
                NamespaceBuilder namespace = namespaces.computeIfAbsent(document.namespaceKey(), key -> new NamespaceBuilder(
                        Namespace.newBuilder()
                                .setKey(key)
                                .setName(document.namespace().keyOnly() || document.namespace().name().isEmpty()
                                        ? key : document.namespace().name())
                                .setDescription(document.namespace().description())
                                .setCreatedAt(now).setUpdatedAt(now).build(), now));
                namespace.add(document);
            }
        }
        Map<String, EvaluationState> states = new TreeMap<>();
        Map<String, Map<String, Rule>> rulesById = new HashMap<>();
        Map<String, Map<String, Rollout>> rolloutsById = new HashMap<>();
        namespaces.forEach((key, namespace) -> {
            EvaluationState state = namespace.state(version);
            states.put(key, state);
            Map<String, Rule> rules = new HashMap<>();
            state.rulesByFlag().values().forEach(list -> list.forEach(rule -> rules.put(rule.getId(), rule)));
            rulesById.put(key, Map.copyOf(rules));
            Map<String, Rollout> rollouts = new HashMap<>();
            state.rolloutsByFlag().values().forEach(list -> list.forEach(rollout -> rollouts.put(rollout.getId(), rollout)));
            rolloutsById.put(key, Map.copyOf(rollouts));
        });
        return new DeclarativeState(version, new TreeMap<>(states), rulesById, rolloutsById);
    }

    private static String version(List<SourceFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SourceFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String id(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The flags, segments, rules and rollouts of one namespace, as documents add them. */
    private final class NamespaceBuilder {
        private final Namespace namespace;
        private final Timestamp now;
        private final Map<String, Flag> flags = new TreeMap<>();
        private final Map<String, Segment> segments = new TreeMap<>();
        private final Map<String, List<Rule>> rules = new HashMap<>();
        private final Map<String, List<Rollout>> rollouts = new HashMap<>();

        NamespaceBuilder(Namespace namespace, Timestamp now) {
            this.namespace = namespace;
            this.now = now;
        }

        void add(FeatureDocument document) {
            String namespaceKey = namespace.getKey();
            for (SegmentSpec spec : document.segments()) {
                Segment.Builder segment = Segment.newBuilder()
                        .setNamespaceKey(namespaceKey).setKey(spec.key()).setName(spec.name()).setDescription(spec.description())
                        .setMatchType(spec.matchType().equals("ANY_MATCH_TYPE") ? MatchType.ANY_MATCH_TYPE : MatchType.ALL_MATCH_TYPE)
                        .setCreatedAt(now).setUpdatedAt(now);
                for (int index = 0; index < spec.constraints().size(); index++) {
                    segment.addConstraints(constraint(namespaceKey, spec.key(), spec.constraints().get(index), index));
                }
                segments.put(spec.key(), segment.build());
            }
            for (FlagSpec spec : document.flags()) {
                flag(namespaceKey, spec);
            }
        }

        private Constraint constraint(String namespaceKey, String segmentKey, ConstraintSpec spec, int index) {
            CreateConstraintRequest normalized = requests.validateAndNormalize(FeatureRequests.constraint(namespaceKey, segmentKey, spec));
            String operator = GoStrings.toLower(normalized.getOperator());
            return Constraint.newBuilder()
                    .setId(id(namespaceKey, "segment", segmentKey, "constraint", Integer.toString(index)))
                    .setNamespaceKey(namespaceKey).setSegmentKey(segmentKey)
                    .setType(normalized.getType() == ComparisonType.UNRECOGNIZED ? ComparisonType.UNKNOWN_COMPARISON_TYPE : normalized.getType())
                    .setProperty(normalized.getProperty()).setOperator(operator)
                    .setValue(NO_VALUE_OPERATORS.contains(operator) ? "" : normalized.getValue())
                    .setDescription(normalized.getDescription())
                    .setCreatedAt(now).setUpdatedAt(now)
                    .build();
        }

        private void flag(String namespaceKey, FlagSpec spec) {
            Flag.Builder flag = Flag.newBuilder()
                    .setNamespaceKey(namespaceKey).setKey(spec.key()).setName(spec.name()).setDescription(spec.description())
                    .setEnabled(spec.enabled())
                    .setType(spec.type().equals("BOOLEAN_FLAG_TYPE") ? FlagType.BOOLEAN_FLAG_TYPE : FlagType.VARIANT_FLAG_TYPE)
                    .setCreatedAt(now).setUpdatedAt(now);
            if (spec.metadata() != null) {
                flag.setMetadata(FeatureRequests.metadata(spec));
            }
            Map<String, String> variantIds = new HashMap<>();
            for (VariantSpec variantSpec : spec.variants()) {
                Variant variant = Variant.newBuilder()
                        .setId(id(namespaceKey, "flag", spec.key(), "variant", variantSpec.key()))
                        .setNamespaceKey(namespaceKey).setFlagKey(spec.key()).setKey(variantSpec.key())
                        .setName(variantSpec.name()).setDescription(variantSpec.description())
                        .setAttachment(FeatureRequests.attachment(variantSpec))
                        .setCreatedAt(now).setUpdatedAt(now)
                        .build();
                flag.addVariants(variant);
                variantIds.put(variant.getKey(), variant.getId());
                if (variantSpec.isDefault()) {
                    flag.setDefaultVariant(variant);
                }
            }
            flags.put(spec.key(), flag.build());
            List<Rule> flagRules = new ArrayList<>();
            for (int index = 0; index < spec.rules().size(); index++) {
                RuleSpec ruleSpec = spec.rules().get(index);
                String ruleId = id(namespaceKey, "flag", spec.key(), "rule", Integer.toString(index));
                Rule.Builder rule = Rule.newBuilder()
                        .setId(ruleId).setNamespaceKey(namespaceKey).setFlagKey(spec.key()).setRank(index + 1)
                        .setCreatedAt(now).setUpdatedAt(now);
                List<String> keys = ruleSpec.segment().keys().stream().distinct().toList();
                if (keys.size() == 1) {
                    rule.setSegmentKey(keys.get(0)).setSegmentOperator(SegmentOperator.OR_SEGMENT_OPERATOR);
                } else {
                    rule.addAllSegmentKeys(keys).setSegmentOperator(
                            ruleSpec.segment().operator().equals("AND_SEGMENT_OPERATOR") ? SegmentOperator.AND_SEGMENT_OPERATOR
                                    : SegmentOperator.OR_SEGMENT_OPERATOR);
                }
                for (int distributionIndex = 0; distributionIndex < ruleSpec.distributions().size(); distributionIndex++) {
                    DistributionSpec distribution = ruleSpec.distributions().get(distributionIndex);
                    rule.addDistributions(Distribution.newBuilder()
                            .setId(id(ruleId, "distribution", Integer.toString(distributionIndex)))
                            .setRuleId(ruleId).setVariantId(variantIds.get(distribution.variant()))
                            .setRollout(distribution.rollout())
                            .setCreatedAt(now).setUpdatedAt(now));
                }
                flagRules.add(rule.build());
            }
            rules.put(spec.key(), flagRules);
            List<Rollout> flagRollouts = new ArrayList<>();
            for (int index = 0; index < spec.rollouts().size(); index++) {
                flagRollouts.add(rollout(namespaceKey, spec.key(), spec.rollouts().get(index), index));
            }
            rollouts.put(spec.key(), flagRollouts);
        }

        private Rollout rollout(String namespaceKey, String flagKey, RolloutSpec spec, int index) {
            Rollout.Builder rollout = Rollout.newBuilder()
                    .setId(id(namespaceKey, "flag", flagKey, "rollout", Integer.toString(index)))
                    .setNamespaceKey(namespaceKey).setFlagKey(flagKey).setRank(index + 1).setDescription(spec.description())
                    .setCreatedAt(now).setUpdatedAt(now);
            if (spec.segment() != null) {
                List<String> keys = spec.segment().segmentKeys();
                RolloutSegment.Builder segment = RolloutSegment.newBuilder()
                        .setValue(spec.segment().value())
                        .setSegmentOperator(spec.segment().operator().equals("AND_SEGMENT_OPERATOR") ? SegmentOperator.AND_SEGMENT_OPERATOR
                                : SegmentOperator.OR_SEGMENT_OPERATOR);
                if (keys.size() == 1) {
                    segment.setSegmentKey(keys.get(0));
                } else {
                    segment.addAllSegmentKeys(keys);
                }
                rollout.setType(RolloutType.SEGMENT_ROLLOUT_TYPE).setSegment(segment);
            } else if (spec.threshold() != null) {
                rollout.setType(RolloutType.THRESHOLD_ROLLOUT_TYPE).setThreshold(RolloutThreshold.newBuilder()
                        .setPercentage(spec.threshold().percentage()).setValue(spec.threshold().value()));
            }
            return rollout.build();
        }

        EvaluationState state(String version) {
            Map<String, List<Rule>> nonEmptyRules = new HashMap<>();
            rules.forEach((flagKey, list) -> {
                if (!list.isEmpty() && flags.containsKey(flagKey)) {
                    nonEmptyRules.put(flagKey, list);
                }
            });
            Map<String, List<Rollout>> nonEmptyRollouts = new HashMap<>();
            rollouts.forEach((flagKey, list) -> {
                if (!list.isEmpty() && flags.containsKey(flagKey)) {
                    nonEmptyRollouts.put(flagKey, list);
                }
            });
            return new EvaluationState(namespace, version,
                    flags.values().stream().sorted(Comparator.comparing(Flag::getKey)).toList(),
                    segments.values().stream().sorted(Comparator.comparing(Segment::getKey)).toList(),
                    nonEmptyRules, nonEmptyRollouts);
        }
    }
}

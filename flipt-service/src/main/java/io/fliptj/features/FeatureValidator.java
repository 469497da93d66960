package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.fliptj.core.errors.FliptException;
import io.fliptj.features.FeatureDocument.ConstraintSpec;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.RolloutSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import io.fliptj.grpc.validation.RequestValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks features documents completely, reporting every problem rather than the first: the document version
 * and the fields each version allows (as Flipt's importer and schema gate them), enum names, every request an
 * import would send through the API's own request validation, keys that would collide, and references to
 * segments and variants that do not exist. A set of documents without problems imports without a validation
 * error. Stateless and thread-safe.
 */
public final class FeatureValidator {
    private final RequestValidator requests;

    public FeatureValidator(RequestValidator requests) {
        this.requests = requireNonNull(requests, "requests is null");
    }

    /** The version the documents are read with: the first document's (Flipt reads only that one), or the latest. */
    public static FormatVersion versionOf(List<FeatureDocument> documents) {
        if (documents.isEmpty()) {
            return FormatVersion.LATEST;
        }
        return FormatVersion.parse(documents.get(0).version()).orElse(FormatVersion.LATEST);
    }

    /**
     * Problems of {@code documents} read from {@code file}; segments named by rules may also be among
     * {@code existingSegments} of their namespace (the target of an import).
     */
    public List<Problem> validate(String file, List<FeatureDocument> documents, Function<String, Set<String>> existingSegments) {
        List<Problem> problems = new ArrayList<>();
        if (documents.isEmpty()) {
            return problems;
        }
        for (FeatureDocument document : documents) {
            if (FormatVersion.parse(document.version()).isEmpty()) {
                problems.add(new Problem(Problem.Kind.INVALID, file, document.line(), 0, "version",
                        "unsupported version: " + document.version()));
            }
        }
        FormatVersion version = versionOf(documents);
        Map<String, Set<String>> segmentsByNamespace = new HashMap<>();
        for (FeatureDocument document : documents) {
            Set<String> keys = segmentsByNamespace.computeIfAbsent(document.namespaceKey(), key -> new HashSet<>());
            document.segments().forEach(segment -> keys.add(segment.key()));
        }
        Map<String, Set<String>> flagKeys = new HashMap<>();
        Map<String, Set<String>> segmentKeys = new HashMap<>();
        for (FeatureDocument document : documents) {
            new DocumentCheck(file, document, version, problems).run(
                    flagKeys.computeIfAbsent(document.namespaceKey(), key -> new HashSet<>()),
                    segmentKeys.computeIfAbsent(document.namespaceKey(), key -> new HashSet<>()),
                    segmentKey -> segmentsByNamespace.get(document.namespaceKey()).contains(segmentKey)
                            || existingSegments.apply(document.namespaceKey()).contains(segmentKey));
        }
        return problems;
    }

    /** The checks of one document. */
    private final class DocumentCheck {
        private final String file;
        private final FeatureDocument document;
        private final FormatVersion version;
        private final List<Problem> problems;
        private final String namespaceKey;

        DocumentCheck(String file, FeatureDocument document, FormatVersion version, List<Problem> problems) {
            this.file = file;
            this.document = document;
            this.version = version;
            this.problems = problems;
            this.namespaceKey = document.namespaceKey();
        }

        void run(Set<String> flagKeys, Set<String> segmentKeys, Predicate<String> segmentExists) {
            if (document.namespace() != null && !namespaceKey.equals("default")) {
                check(FeatureRequests.namespace(document.namespace()), document.namespace().line(), "namespace");
            }
            for (int index = 0; index < document.segments().size(); index++) {
                segment(document.segments().get(index), "segments[" + index + "]", segmentKeys);
            }
            for (int index = 0; index < document.flags().size(); index++) {
                flag(document.flags().get(index), "flags[" + index + "]", flagKeys, segmentExists);
            }
        }

        private void segment(SegmentSpec segment, String path, Set<String> segmentKeys) {
            if (!segment.matchType().isEmpty() && FeatureRequests.matchType(segment.matchType()).isEmpty()) {
                invalid(segment.line(), path + ".match_type", "must be ALL_MATCH_TYPE or ANY_MATCH_TYPE, not \"" + segment.matchType() + "\"");
            }
            check(FeatureRequests.segment(namespaceKey, segment), segment.line(), path);
            if (!segment.key().isEmpty() && !segmentKeys.add(segment.key())) {
                invalid(segment.line(), path + ".key", "segment \"" + namespaceKey + "/" + segment.key() + "\" is not unique");
            }
            for (int index = 0; index < segment.constraints().size(); index++) {
                ConstraintSpec constraint = segment.constraints().get(index);
                String constraintPath = path + ".constraints[" + index + "]";
                if (FeatureRequests.comparisonType(constraint.type()).isEmpty()) {
                    invalid(constraint.line(), constraintPath + ".type", "unknown constraint type \"" + constraint.type() + "\"");
                    continue;
                }
                check(FeatureRequests.constraint(namespaceKey, segment.key(), constraint), constraint.line(), constraintPath);
            }
        }

        private void flag(FlagSpec flag, String path, Set<String> flagKeys, Predicate<String> segmentExists) {
            if (!flag.type().isEmpty()) {
                gate(flag.line(), path + ".type", "flag.type", FormatVersion.V1_1);
                if (FeatureRequests.flagType(flag.type()).isEmpty()) {
                    invalid(flag.line(), path + ".type", "must be VARIANT_FLAG_TYPE or BOOLEAN_FLAG_TYPE, not \"" + flag.type() + "\"");
                }
            }
            if (flag.metadata() != null) {
                gate(flag.line(), path + ".metadata", "flag.metadata", FormatVersion.V1_3);
            }
            check(FeatureRequests.flag(namespaceKey, flag), flag.line(), path);
            if (!flag.key().isEmpty() && !flagKeys.add(flag.key())) {
                invalid(flag.line(), path + ".key", "flag \"" + namespaceKey + "/" + flag.key() + "\" is not unique");
            }
            Set<String> variantKeys = new HashSet<>();
            for (int index = 0; index < flag.variants().size(); index++) {
                VariantSpec variant = flag.variants().get(index);
                String variantPath = path + ".variants[" + index + "]";
                if (variant.isDefault()) {
                    gate(variant.line(), variantPath + ".default", "variant.default", FormatVersion.V1_3);
                }
                check(FeatureRequests.variant(namespaceKey, flag.key(), variant), variant.line(), variantPath);
                if (!variant.key().isEmpty() && !variantKeys.add(variant.key())) {
                    invalid(variant.line(), variantPath + ".key", "variant \"" + variant.key() + "\" is not unique in flag \"" + flag.key() + "\"");
                }
            }
            for (int index = 0; index < flag.rules().size(); index++) {
                rule(flag, flag.rules().get(index), index, path + ".rules[" + index + "]", variantKeys, segmentExists);
            }
            if (!flag.rollouts().isEmpty()) {
                gate(flag.rollouts().get(0).line(), path + ".rollouts", "flag.rollouts", FormatVersion.V1_1);
            }
            for (int index = 0; index < flag.rollouts().size(); index++) {
                rollout(flag, flag.rollouts().get(index), index, path + ".rollouts[" + index + "]", segmentExists);
            }
        }

        private void rule(FlagSpec flag, RuleSpec rule, int index, String path, Set<String> variantKeys,
                Predicate<String> segmentExists) {
            if (rule.segment().keys().isEmpty()) {
                invalid(rule.line(), path + ".segment", "a rule needs a segment key or keys");
            }
            if (!rule.segment().operator().isEmpty() && FeatureRequests.segmentOperator(rule.segment().operator()).isEmpty()) {
                invalid(rule.line(), path + ".segment.operator",
                        "must be OR_SEGMENT_OPERATOR or AND_SEGMENT_OPERATOR, not \"" + rule.segment().operator() + "\"");
            }
            check(FeatureRequests.rule(namespaceKey, flag.key(), rule, index, version), rule.line(), path);
            int rank = index + 1;
            for (String segmentKey : rule.segment().keys()) {
                if (!segmentKey.isEmpty() && !segmentExists.test(segmentKey)) {
                    reference(rule.line(), path + ".segment",
                            "flag " + namespaceKey + "/" + flag.key() + " rule " + rank + " references unknown segment \"" + segmentKey + "\"");
                }
            }
            for (int distributionIndex = 0; distributionIndex < rule.distributions().size(); distributionIndex++) {
                DistributionSpec distribution = rule.distributions().get(distributionIndex);
                String distributionPath = path + ".distributions[" + distributionIndex + "]";
                if (!variantKeys.contains(distribution.variant())) {
                    reference(distribution.line(), distributionPath + ".variant",
                            "flag " + namespaceKey + "/" + flag.key() + " rule " + rank + " references unknown variant \"" + distribution.variant() + "\"");
                }
                check(FeatureRequests.distribution(namespaceKey, flag.key(), "rule", "variant", distribution), distribution.line(), distributionPath);
            }
        }

        private void rollout(FlagSpec flag, RolloutSpec rollout, int index, String path, Predicate<String> segmentExists) {
            int rank = index + 1;
            if (rollout.segment() != null && rollout.threshold() != null) {
                invalid(rollout.line(), path, "rollout \"" + namespaceKey + "/" + flag.key() + "/" + index
                        + "\" cannot have both segment and percentage rule");
                return;
            }
            if (rollout.segment() != null) {
                if (!rollout.segment().key().isEmpty() && !rollout.segment().keys().isEmpty()) {
                    invalid(rollout.segment().line(), path + ".segment", "rollout " + namespaceKey + "/" + flag.key() + "/" + index
                            + " cannot have both segment.keys and segment.key");
                }
                if (!rollout.segment().keys().isEmpty()) {
                    gate(rollout.segment().line(), path + ".segment.keys", "flag.rollouts[*].segment.keys", FormatVersion.V1_2);
                }
                if (!rollout.segment().operator().isEmpty() && FeatureRequests.segmentOperator(rollout.segment().operator()).isEmpty()) {
                    invalid(rollout.segment().line(), path + ".segment.operator",
                            "must be OR_SEGMENT_OPERATOR or AND_SEGMENT_OPERATOR, not \"" + rollout.segment().operator() + "\"");
                }
                for (String segmentKey : rollout.segment().segmentKeys()) {
                    if (!segmentKey.isEmpty() && !segmentExists.test(segmentKey)) {
                        reference(rollout.segment().line(), path + ".segment",
                                "flag " + namespaceKey + "/" + flag.key() + " rule " + rank + " references unknown segment \"" + segmentKey + "\"");
                    }
                }
            }
            check(FeatureRequests.rollout(namespaceKey, flag.key(), rollout, index), rollout.line(), path);
        }

        private void gate(int line, String path, String field, FormatVersion since) {
            if (!version.atLeast(since)) {
                invalid(line, path, field + " is supported in version >=" + since.text() + ", found " + version.text());
            }
        }

        private void check(Message request, int line, String path) {
            try {
                requests.validate(request);
            } catch (FliptException refused) {
                invalid(line, path, refused.getMessage());
            }
        }

        private void invalid(int line, String path, String message) {
            problems.add(new Problem(Problem.Kind.INVALID, file, line, 0, path, message));
        }

        private void reference(int line, String path, String message) {
            problems.add(new Problem(Problem.Kind.REFERENCE, file, line, 0, path, message));
        }
    }
}

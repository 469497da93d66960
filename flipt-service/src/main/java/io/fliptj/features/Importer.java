package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Flag;
import io.fliptj.api.Rule;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.Variant;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import io.fliptj.storage.Namespaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports features documents through a {@link FeatureApi}, call by call as Flipt's importer does: missing
 * namespaces are created; per document, flags with their variants (the last {@code default: true} variant
 * becomes the default), then segments with their constraints, then rules with their distributions and
 * rollouts. With {@code skipExisting}, flags and segments that already exist in the namespace are left alone
 * (and so are the rules and rollouts of such a flag). The documents must have been validated. Not
 * thread-safe; use one importer per import.
 */
public final class Importer {
    /** What an import created, in order, so that a failed import can be undone where no transaction can. */
    public record Journal(List<String> createdNamespaces, List<String[]> createdFlags, List<String[]> createdSegments) {
    }

    /** A failed call, located at the element of the file it came from. */
    public static final class ImportException extends RuntimeException {
        private final Problem problem;

        ImportException(Problem problem, Throwable cause) {
            super(problem.toString(), cause);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private static final int PROGRESS_EVERY = 1000;

    private final FeatureApi api;
    private final boolean skipExisting;
    private final Consumer<String> progress;
    private final Journal journal = new Journal(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private int flagsImported;
    private int totalFlags;

    public Importer(FeatureApi api, boolean skipExisting, Consumer<String> progress) {
        this.api = requireNonNull(api, "api is null");
        this.skipExisting = skipExisting;
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Journal journal() {
        return journal;
    }

    /** Imports {@code documents} read from {@code file}; stops at the first failed call. */
    public void importDocuments(String file, List<FeatureDocument> documents) {
        FormatVersion version = FeatureValidator.versionOf(documents);
        totalFlags = documents.stream().mapToInt(document -> document.flags().size()).sum();
        for (FeatureDocument document : documents) {
            importDocument(file, document, version);
        }
        if (totalFlags >= PROGRESS_EVERY) {
            progress.accept(String.format("imported %d of %d flags", flagsImported, totalFlags));
        }
    }

    private void importDocument(String file, FeatureDocument document, FormatVersion version) {
        String namespaceKey = document.namespaceKey();
        if (!namespaceKey.equals(Namespaces.DEFAULT) && api.findNamespace(namespaceKey).isEmpty()) {
            call(file, document.namespace().line(), "namespace", "creating namespace",
                    () -> api.createNamespace(FeatureRequests.namespace(document.namespace())));
            journal.createdNamespaces().add(namespaceKey);
        }
        Set<String> existingFlags = new HashSet<>();
        Set<String> existingSegments = new HashSet<>();
        if (skipExisting) {
            api.listFlags(namespaceKey).forEach(flag -> existingFlags.add(flag.getKey()));
            api.listSegments(namespaceKey).forEach(segment -> existingSegments.add(segment.getKey()));
        }
        Map<String, Map<String, String>> variantIds = new HashMap<>();
        for (int index = 0; index < document.flags().size(); index++) {
            FlagSpec flag = document.flags().get(index);
            if (!existingFlags.contains(flag.key())) {
                variantIds.put(flag.key(), createFlag(file, namespaceKey, flag, "flags[" + index + "]"));
            }
        }
        for (int index = 0; index < document.segments().size(); index++) {
            SegmentSpec segment = document.segments().get(index);
            if (!existingSegments.contains(segment.key())) {
                createSegment(file, namespaceKey, segment, "segments[" + index + "]");
            }
        }
        for (int index = 0; index < document.flags().size(); index++) {
            FlagSpec flag = document.flags().get(index);
            if (existingFlags.contains(flag.key())) {
                continue;
            }
            createRulesAndRollouts(file, namespaceKey, flag, "flags[" + index + "]", variantIds.get(flag.key()), version);
            flagsImported++;
            if (flagsImported % PROGRESS_EVERY == 0) {
                progress.accept(String.format("imported %d of %d flags", flagsImported, totalFlags));
            }
        }
    }

    private Map<String, String> createFlag(String file, String namespaceKey, FlagSpec flag, String path) {
        Flag created = call(file, flag.line(), path, "creating flag \"" + flag.key() + "\"",
                () -> api.createFlag(FeatureRequests.flag(namespaceKey, flag)));
        journal.createdFlags().add(new String[] {namespaceKey, flag.key()});
        Map<String, String> variantIds = new HashMap<>();
        String defaultVariantId = "";
        for (int index = 0; index < flag.variants().size(); index++) {
            VariantSpec variant = flag.variants().get(index);
            Variant createdVariant = call(file, variant.line(), path + ".variants[" + index + "]",
                    "creating variant \"" + variant.key() + "\"",
                    () -> api.createVariant(FeatureRequests.variant(namespaceKey, flag.key(), variant)));
            variantIds.put(createdVariant.getKey(), createdVariant.getId());
            if (variant.isDefault()) {
                defaultVariantId = createdVariant.getId();
            }
        }
        if (!defaultVariantId.isEmpty()) {
            String variantId = defaultVariantId;
            call(file, flag.line(), path, "setting the default variant of flag \"" + flag.key() + "\"",
                    () -> api.updateFlag(UpdateFlagRequest.newBuilder()
                            .setNamespaceKey(namespaceKey)
                            .setKey(created.getKey())
                            .setName(created.getName())
                            .setDescription(created.getDescription())
                            .setEnabled(created.getEnabled())
                            .setDefaultVariantId(variantId)
                            .build()));
        }
        return variantIds;
    }

    private void createSegment(String file, String namespaceKey, SegmentSpec segment, String path) {
        call(file, segment.line(), path, "creating segment \"" + segment.key() + "\"",
                () -> api.createSegment(FeatureRequests.segment(namespaceKey, segment)));
        journal.createdSegments().add(new String[] {namespaceKey, segment.key()});
        for (int index = 0; index < segment.constraints().size(); index++) {
            var constraint = segment.constraints().get(index);
            call(file, constraint.line(), path + ".constraints[" + index + "]", "creating constraint",
                    () -> api.createConstraint(FeatureRequests.constraint(namespaceKey, segment.key(), constraint)));
        }
    }

    private void createRulesAndRollouts(String file, String namespaceKey, FlagSpec flag, String path, Map<String, String> variantIds,
            FormatVersion version) {
        for (int index = 0; index < flag.rules().size(); index++) {
            RuleSpec rule = flag.rules().get(index);
            String rulePath = path + ".rules[" + index + "]";
            int position = index;
            Rule created = call(file, rule.line(), rulePath, "creating rule",
                    () -> api.createRule(FeatureRequests.rule(namespaceKey, flag.key(), rule, position, version)));
            for (int distributionIndex = 0; distributionIndex < rule.distributions().size(); distributionIndex++) {
                DistributionSpec distribution = rule.distributions().get(distributionIndex);
                String variantId = variantIds.get(distribution.variant());
                String distributionPath = rulePath + ".distributions[" + distributionIndex + "]";
                if (variantId == null) {
                    throw new ImportException(new Problem(Problem.Kind.REFERENCE, file, distribution.line(), 0, distributionPath,
                            "finding variant: " + distribution.variant() + "; flag: " + flag.key()), null);
                }
                call(file, distribution.line(), distributionPath, "creating distribution",
                        () -> api.createDistribution(FeatureRequests.distribution(namespaceKey, flag.key(), created.getId(), variantId,
                                distribution)));
            }
        }
        for (int index = 0; index < flag.rollouts().size(); index++) {
            var rollout = flag.rollouts().get(index);
            int position = index;
            call(file, rollout.line(), path + ".rollouts[" + index + "]", "creating rollout",
                    () -> api.createRollout(FeatureRequests.rollout(namespaceKey, flag.key(), rollout, position)));
        }
    }

    private static <T> T call(String file, int line, String path, String what, java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (FeatureApi.ApiException error) {
            throw new ImportException(new Problem(Problem.Kind.INVALID, file, line, 0, path, what + ": " + error.getMessage()), error);
        }
    }
}

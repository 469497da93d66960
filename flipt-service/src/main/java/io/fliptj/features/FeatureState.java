package io.fliptj.features;

import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.api.DeleteSegmentRequest;
import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Segment;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.storage.Namespaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Operations on the whole flag state of a target that import needs besides creating things. */
public final class FeatureState {
    private FeatureState() {
        throw new AssertionError("no instances");
    }

    /**
     * Removes all flag state, as {@code import --drop} does: every namespace but {@code default} is deleted with
     * everything in it, and {@code default} is emptied of flags and segments (it stays, protected, as after a
     * fresh migration).
     */
    public static void dropAll(FeatureApi api) {
        for (Namespace namespace : api.listNamespaces()) {
            if (namespace.getKey().equals(Namespaces.DEFAULT)) {
                for (Flag flag : api.listFlags(Namespaces.DEFAULT)) {
                    api.deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey(Namespaces.DEFAULT).setKey(flag.getKey()).build());
                }
                for (Segment segment : api.listSegments(Namespaces.DEFAULT)) {
                    api.deleteSegment(DeleteSegmentRequest.newBuilder().setNamespaceKey(Namespaces.DEFAULT).setKey(segment.getKey()).build());
                }
            } else {
                api.deleteNamespace(DeleteNamespaceRequest.newBuilder().setKey(namespace.getKey()).setForce(true).build());
            }
        }
    }

    /** The segment keys of each namespace of the target, looked up once per namespace (none for a missing namespace). */
    public static Function<String, Set<String>> existingSegments(FeatureApi api) {
        Map<String, Set<String>> cache = new HashMap<>();
        return namespaceKey -> cache.computeIfAbsent(namespaceKey, key -> {
            Set<String> keys = new HashSet<>();
            if (api.findNamespace(key).isPresent()) {
                api.listSegments(key).forEach(segment -> keys.add(segment.getKey()));
            }
            return keys;
        });
    }

    /**
     * Flags and segments of the documents that already exist in the target, each of which would make a plain
     * import fail ({@code "... is not unique"}); reported all at once before anything is written.
     */
    public static List<Problem> conflicts(String file, List<FeatureDocument> documents, FeatureApi api) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Set<String>> flags = new HashMap<>();
        Map<String, Set<String>> segments = new HashMap<>();
        for (FeatureDocument document : documents) {
            String namespaceKey = document.namespaceKey();
            if (!flags.containsKey(namespaceKey)) {
                Set<String> flagKeys = new HashSet<>();
                Set<String> segmentKeys = new HashSet<>();
                if (api.findNamespace(namespaceKey).isPresent()) {
                    api.listFlags(namespaceKey).forEach(flag -> flagKeys.add(flag.getKey()));
                    api.listSegments(namespaceKey).forEach(segment -> segmentKeys.add(segment.getKey()));
                }
                flags.put(namespaceKey, flagKeys);
                segments.put(namespaceKey, segmentKeys);
            }
            for (int index = 0; index < document.flags().size(); index++) {
                FlagSpec flag = document.flags().get(index);
                if (flags.get(namespaceKey).contains(flag.key())) {
                    problems.add(new Problem(Problem.Kind.INVALID, file, flag.line(), 0, "flags[" + index + "].key",
                            "flag \"" + namespaceKey + "/" + flag.key() + "\" already exists (use --skip-existing or --drop)"));
                }
            }
            for (int index = 0; index < document.segments().size(); index++) {
                SegmentSpec segment = document.segments().get(index);
                if (segments.get(namespaceKey).contains(segment.key())) {
                    problems.add(new Problem(Problem.Kind.INVALID, file, segment.line(), 0, "segments[" + index + "].key",
                            "segment \"" + namespaceKey + "/" + segment.key() + "\" already exists (use --skip-existing or --drop)"));
                }
            }
        }
        return problems;
    }

    /**
     * Undoes what a failed import created through an API without transactions: created flags, then created
     * segments, then created namespaces, newest first. Returns what could not be undone (empty when all was).
     */
    public static List<String> undo(FeatureApi api, Importer.Journal journal) {
        List<String> failures = new ArrayList<>();
        Set<String> createdNamespaces = new HashSet<>(journal.createdNamespaces());
        for (int index = journal.createdFlags().size() - 1; index >= 0; index--) {
            String[] flag = journal.createdFlags().get(index);
            if (createdNamespaces.contains(flag[0])) {
                continue;
            }
            try {
                api.deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey(flag[0]).setKey(flag[1]).build());
            } catch (FeatureApi.ApiException error) {
                failures.add("flag \"" + flag[0] + "/" + flag[1] + "\": " + error.getMessage());
            }
        }
        for (int index = journal.createdSegments().size() - 1; index >= 0; index--) {
            String[] segment = journal.createdSegments().get(index);
            if (createdNamespaces.contains(segment[0])) {
                continue;
            }
            try {
                api.deleteSegment(DeleteSegmentRequest.newBuilder().setNamespaceKey(segment[0]).setKey(segment[1]).build());
            } catch (FeatureApi.ApiException error) {
                failures.add("segment \"" + segment[0] + "/" + segment[1] + "\": " + error.getMessage());
            }
        }
        for (int index = journal.createdNamespaces().size() - 1; index >= 0; index--) {
            String namespace = journal.createdNamespaces().get(index);
            try {
                api.deleteNamespace(DeleteNamespaceRequest.newBuilder().setKey(namespace).setForce(true).build());
            } catch (FeatureApi.ApiException error) {
                failures.add("namespace \"" + namespace + "\": " + error.getMessage());
            }
        }
        return failures;
    }
}

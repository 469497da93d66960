package io.fliptj.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fliptj.api.Flag;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Import into and export from a real SQLite database through the stores and the API's validation. */
class ImportExportTest {
    private SqliteFeatures database;

    @BeforeEach
    void open() throws Exception {
        database = new SqliteFeatures();
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    private static List<FeatureDocument> read(String file, String text) {
        FeatureReader.Result result = FeatureReader.read(file, text, FeatureReader.Encoding.ofFileName(file));
        assertThat(result.problems()).isEmpty();
        return result.documents();
    }

    private void importText(String file, String text, boolean skipExisting) {
        List<FeatureDocument> documents = read(file, text);
        assertThat(new FeatureValidator(new RequestValidator()).validate(file, documents, FeatureState.existingSegments(database.api())))
                .isEmpty();
        database.inOneTransaction(() -> {
            new Importer(database.api(), skipExisting, message -> { }).importDocuments(file, documents);
            return null;
        });
    }

    private String exportAll() {
        return FeatureWriter.write(new Exporter(database.api(), false).exportAll(), FeatureReader.Encoding.YAML);
    }

    @Test
    void importThenExportGivesTheSameDocument() throws Exception {
        for (String name : List.of("single-namespace.yml", "several-namespaces.yml")) {
            try (SqliteFeatures fresh = new SqliteFeatures()) {
                database.close();
                database = fresh;
                importText(name, FeatureFormatTest.resource(name), false);
                String exported = exportAll();
                assertThat(exported).as(name).isEqualTo(FeatureFormatTest.resource(name));
                assertThat(exportAll()).as("export is deterministic").isEqualTo(exported);
                database = new SqliteFeatures();
            }
        }
    }

    @Test
    void jsonExportImportsBackToTheSameState() throws Exception {
        importText("several-namespaces.yml", FeatureFormatTest.resource("several-namespaces.yml"), false);
        String json = FeatureWriter.write(new Exporter(database.api(), false).exportAll(), FeatureReader.Encoding.JSON);

        try (SqliteFeatures other = new SqliteFeatures()) {
            List<FeatureDocument> documents = read("export.json", json);
            other.inOneTransaction(() -> {
                new Importer(other.api(), false, message -> { }).importDocuments("export.json", documents);
                return null;
            });
            assertThat(FeatureWriter.write(new Exporter(other.api(), false).exportAll(), FeatureReader.Encoding.YAML))
                    .isEqualTo(FeatureFormatTest.resource("several-namespaces.yml"));
        }
    }

    /** A document using every field the version allows, written the way export writes it. */
    private static String generated(FormatVersion version) {
        boolean v11 = version.atLeast(FormatVersion.V1_1);
        boolean v12 = version.atLeast(FormatVersion.V1_2);
        boolean v13 = version.atLeast(FormatVersion.V1_3);
        StringBuilder text = new StringBuilder("version: \"" + version.text() + "\"\nnamespace: generated\nflags:\n");
        text.append("- key: variant-flag\n  name: Variant flag\n").append(v11 ? "  type: VARIANT_FLAG_TYPE\n" : "")
                .append("  description: every variant field\n  enabled: true\n")
                .append(v13 ? "  metadata:\n    team: growth\n    weight: 1.5\n" : "")
                .append("  variants:\n  - key: control\n    name: Control\n    description: the old one\n    attachment:\n      size: 1\n")
                .append(v13 ? "  - default: true\n    key: treatment\n" : "  - key: treatment\n")
                .append("  rules:\n  - segment: internal\n").append(v11 ? "" : "    rank: 1\n")
                .append("    distributions:\n    - variant: control\n      rollout: 25.5\n    - variant: treatment\n      rollout: 74.5\n")
                .append("  - segment:\n      keys:\n      - internal\n      - external\n      operator: AND_SEGMENT_OPERATOR\n")
                .append(v11 ? "" : "    rank: 2\n");
        if (v11) {
            text.append("- key: boolean-flag\n  name: Boolean flag\n  type: BOOLEAN_FLAG_TYPE\n  enabled: false\n  rollouts:\n")
                    .append("  - description: internal first\n    segment:\n      key: internal\n      value: true\n")
                    .append(v12 ? "  - segment:\n      keys:\n      - internal\n      - external\n      operator: AND_SEGMENT_OPERATOR\n" : "")
                    .append("  - threshold:\n      percentage: 12.5\n      value: true\n");
        }
        text.append("segments:\n- key: external\n  name: External\n  match_type: ALL_MATCH_TYPE\n")
                .append("- key: internal\n  name: Internal\n  description: staff\n  constraints:\n")
                .append("  - type: STRING_COMPARISON_TYPE\n    property: email\n    operator: suffix\n    value: example.com\n")
                .append("    description: company e-mail\n  match_type: ANY_MATCH_TYPE\n");
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(FormatVersion.class)
    void generatedDocumentsOfEveryVersionImportAndExportInTheLatestVersion(FormatVersion version) throws Exception {
        importText("generated.yml", generated(version), false);
        String exported = exportAll();

        try (SqliteFeatures other = new SqliteFeatures()) {
            List<FeatureDocument> documents = read("export.yml", exported);
            other.inOneTransaction(() -> {
                new Importer(other.api(), false, message -> { }).importDocuments("export.yml", documents);
                return null;
            });
            assertThat(FeatureWriter.write(new Exporter(other.api(), false).exportAll(), FeatureReader.Encoding.YAML)).isEqualTo(exported);
        }
        assertThat(exported).startsWith("version: \"1.4\"\n");
        assertThat(exported).contains("rollout: 25.5", "key: internal", "operator: AND_SEGMENT_OPERATOR", "description: company e-mail");
        if (version.atLeast(FormatVersion.V1_3)) {
            String expected = generated(version).replace("version: \"" + version.text() + "\"\nnamespace: generated\n",
                    "version: \"1.4\"\nnamespace:\n  key: default\n  name: Default\n  description: Default namespace\n---\n"
                            + "namespace:\n  key: generated\n  name: generated\n");
            assertThat(exported).isEqualTo(expected);
        }
    }

    @Test
    void aFailedImportChangesNothing() throws Exception {
        importText("existing.yml", "flags:\n- key: taken\n  name: Taken\n", false);
        String before = exportAll();
        List<FeatureDocument> documents = read("conflict.yml",
                "namespace: fresh\nflags:\n- key: new-flag\n  name: New\nsegments:\n- key: s\n  name: S\n---\nflags:\n- key: taken\n  name: Again\n");

        assertThatThrownBy(() -> database.inOneTransaction(() -> {
            new Importer(database.api(), false, message -> { }).importDocuments("conflict.yml", documents);
            return null;
        })).isInstanceOfSatisfying(Importer.ImportException.class, failure -> {
            assertThat(failure.problem().line()).isEqualTo(10);
            assertThat(failure.problem().message()).isEqualTo("creating flag \"taken\": flag \"default/taken\" is not unique");
        });
        assertThat(exportAll()).isEqualTo(before);
        assertThat(database.api().findNamespace("fresh")).isEmpty();
    }

    @Test
    void conflictsWithExistingStateAreAllReportedBeforeWriting() throws Exception {
        importText("existing.yml", "flags:\n- key: a\n  name: A\n- key: b\n  name: B\nsegments:\n- key: s\n  name: S\n", false);
        List<FeatureDocument> documents = read("again.yml", "flags:\n- key: a\n  name: A\n- key: b\n  name: B\n- key: c\n  name: C\n"
                + "segments:\n- key: s\n  name: S\n");

        assertThat(FeatureState.conflicts("again.yml", documents, database.api())).extracting(Problem::toString).containsExactly(
                "again.yml:2: flags[0].key: flag \"default/a\" already exists (use --skip-existing or --drop)",
                "again.yml:4: flags[1].key: flag \"default/b\" already exists (use --skip-existing or --drop)",
                "again.yml:9: segments[0].key: segment \"default/s\" already exists (use --skip-existing or --drop)");
    }

    @Test
    void skipExistingLeavesExistingFlagsAndSegmentsAloneAndAddsTheRest() throws Exception {
        importText("existing.yml", "flags:\n- key: a\n  name: Original\nsegments:\n- key: s\n  name: Original segment\n", false);

        importText("more.yml", "flags:\n- key: a\n  name: Changed\n  variants:\n  - key: v\n- key: b\n  name: B\n  variants:\n  - key: v\n"
                + "  rules:\n  - segment: s\n    distributions:\n    - variant: v\n      rollout: 100\n"
                + "segments:\n- key: s\n  name: Changed segment\n", true);

        List<Flag> flags = database.stores().flags().listFlags("default", PageRequest.all()).items();
        assertThat(flags).extracting(Flag::getKey, Flag::getName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "Original"), org.assertj.core.groups.Tuple.tuple("b", "B"));
        assertThat(flags.get(0).getVariantsList()).isEmpty();
        assertThat(database.stores().segments().getSegment("default", "s").getName()).isEqualTo("Original segment");
        assertThat(database.stores().rules().listRules("default", "b", PageRequest.all()).items()).hasSize(1);
    }

    @Test
    void dropRemovesAllStateButKeepsTheDefaultNamespace() throws Exception {
        importText("several-namespaces.yml", FeatureFormatTest.resource("several-namespaces.yml"), false);

        database.inOneTransaction(() -> {
            FeatureState.dropAll(database.api());
            return null;
        });

        assertThat(exportAll()).isEqualTo("version: \"1.4\"\nnamespace:\n  key: default\n  name: Default\n  description: Default namespace\n");
        importText("several-namespaces.yml", FeatureFormatTest.resource("several-namespaces.yml"), false);
        assertThat(exportAll()).isEqualTo(FeatureFormatTest.resource("several-namespaces.yml"));
    }

    @Test
    void sortByKeyOrdersNamespacesFlagsSegmentsAndVariants() throws Exception {
        importText("unsorted.yml", "namespace: zeta\nflags:\n- key: b\n  name: B\n  variants:\n  - key: y\n  - key: x\n"
                + "- key: a\n  name: A\n---\nnamespace: alpha\n", false);

        List<FeatureDocument> sorted = new Exporter(database.api(), true).exportAll();

        assertThat(sorted).extracting(FeatureDocument::namespaceKey).containsExactly("alpha", "default", "zeta");
        assertThat(sorted.get(2).flags()).extracting(FeatureDocument.FlagSpec::key).containsExactly("a", "b");
        assertThat(sorted.get(2).flags().get(1).variants()).extracting(FeatureDocument.VariantSpec::key).containsExactly("x", "y");
        List<String> unsortedOrder = new ArrayList<>();
        new Exporter(database.api(), false).exportAll().forEach(document -> unsortedOrder.add(document.namespaceKey()));
        assertThat(unsortedOrder).containsExactly("default", "zeta", "alpha");
    }

    @Test
    void segmentsAlreadyInTheTargetCountAsKnownReferences() throws Exception {
        importText("segments.yml", "segments:\n- key: known\n  name: Known\n", false);
        List<FeatureDocument> documents = read("rules.yml", "flags:\n- key: f\n  name: F\n  rules:\n  - segment: known\n");

        assertThat(new FeatureValidator(new RequestValidator()).validate("rules.yml", documents, FeatureState.existingSegments(database.api())))
                .isEmpty();
        assertThat(new FeatureValidator(new RequestValidator()).validate("rules.yml", documents, namespace -> Set.of()))
                .extracting(Problem::kind).containsExactly(Problem.Kind.REFERENCE);
    }
}

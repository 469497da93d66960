package io.fliptj.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.fliptj.grpc.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading, writing and validating the features format, without a database. */
class FeatureFormatTest {
    static String resource(String name) throws IOException {
        try (InputStream in = FeatureFormatTest.class.getResourceAsStream("/features/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<FeatureDocument> read(String name) throws IOException {
        FeatureReader.Result result = FeatureReader.read(name, resource(name), FeatureReader.Encoding.ofFileName(name));
        assertThat(result.problems()).isEmpty();
        return result.documents();
    }

    private static List<Problem> validate(String file, String text) {
        FeatureReader.Result result = FeatureReader.read(file, text, FeatureReader.Encoding.ofFileName(file));
        List<Problem> problems = new java.util.ArrayList<>(result.problems());
        problems.addAll(new FeatureValidator(new RequestValidator()).validate(file, result.documents(), namespace -> Set.of()));
        return problems;
    }

    @Test
    void canonicalDocumentsAreWrittenBackByteForByte() throws IOException {
        for (String name : List.of("single-namespace.yml", "several-namespaces.yml")) {
            assertThat(FeatureWriter.write(read(name), FeatureReader.Encoding.YAML)).as(name).isEqualTo(resource(name));
        }
    }

    @Test
    void quotingStylesLiteralBlocksAndIndentedListsReadTheSameAsTheCanonicalForm() throws IOException {
        assertThat(FeatureWriter.write(read("several-namespaces-styled.yml"), FeatureReader.Encoding.YAML))
                .isEqualTo(resource("several-namespaces.yml"));
    }

    @Test
    void jsonStreamsRoundTripAndReadLikeTheirYaml() throws IOException {
        String json = FeatureWriter.write(read("several-namespaces.yml"), FeatureReader.Encoding.JSON);
        assertThat(json.lines()).hasSize(3);
        FeatureReader.Result fromJson = FeatureReader.read("export.json", "# exported by Flipt\n" + json, FeatureReader.Encoding.JSON);

        assertThat(fromJson.problems()).isEmpty();
        assertThat(FeatureWriter.write(fromJson.documents(), FeatureReader.Encoding.JSON)).isEqualTo(json);
        assertThat(FeatureWriter.write(fromJson.documents(), FeatureReader.Encoding.YAML)).isEqualTo(resource("several-namespaces.yml"));
    }

    @Test
    void attachmentsAreStoredAsGoWouldMarshalThem() throws IOException {
        FeatureDocument team = read("several-namespaces-styled.yml").get(1);

        assertThat(FeatureRequests.attachment(team.flags().get(0).variants().get(0))).isEqualTo("[1,true,null,{\"text\":\"yes\"}]");
        assertThat(FeatureRequests.attachment(team.flags().get(0).variants().get(1))).isEqualTo("10");
        assertThat(FeatureRequests.attachment(read("single-namespace.yml").get(0).flags().get(0).variants().get(0)))
                .isEqualTo("{\"answer\":{\"everything\":42},\"happy\":true,\"list\":[1,0,2],\"name\":\"Niels\",\"nothing\":null,"
                        + "\"object\":{\"currency\":\"USD\",\"value\":42.99},\"pi\":3.141}");
    }

    @Test
    void namespaceMayBeAKeyOrAnObjectAndRuleSegmentsAStringOrKeys() throws IOException {
        FeatureDocument legacy = read("flipt-v1-0.yml").get(0);
        FeatureDocument team = read("several-namespaces.yml").get(1);

        assertThat(legacy.namespace().keyOnly()).isTrue();
        assertThat(legacy.namespaceKey()).isEqualTo("legacy");
        assertThat(team.namespace().name()).isEqualTo("Team A");
        assertThat(team.flags().get(0).rules().get(0).segment().singleKey()).isTrue();
        assertThat(team.flags().get(0).rules().get(1).segment().keys()).containsExactly("everyone", "nobody");
        assertThat(team.flags().get(0).rules().get(1).segment().operator()).isEqualTo("OR_SEGMENT_OPERATOR");
    }

    @Test
    void everyProblemOfAFileIsReportedWithItsLineAndField() throws IOException {
        List<String> problems = validate("invalid.yml", resource("invalid.yml")).stream().map(Problem::toString).toList();

        assertThat(problems).contains(
                "invalid.yml:10:3: flags[1].colour: unknown field",
                "invalid.yml:7: flags[1].type: must be VARIANT_FLAG_TYPE or BOOLEAN_FLAG_TYPE, not \"SOMETHING_ELSE\"",
                "invalid.yml:7: flags[1]: invalid field key: contains invalid characters",
                "invalid.yml:12: flags[1].variants[0].default: variant.default is supported in version >=1.3, found 1.2",
                "invalid.yml:14: flags[1].variants[1].key: variant \"a\" is not unique in flag \"bad key\"",
                "invalid.yml:16: flags[1].rules[0].segment: flag broken/bad key rule 1 references unknown segment \"missing-segment\"",
                "invalid.yml:18: flags[1].rules[0].distributions[0].variant: flag broken/bad key rule 1 references unknown variant \"missing-variant\"",
                "invalid.yml:18: flags[1].rules[0].distributions[0]: invalid field rollout: must be less than or equal to '100'");
        assertThat(problems).contains("invalid.yml:25: segments[0].constraints[0]: constraint operator \"prefix\" is not valid for type number");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void versionsGateTheFieldsTheyIntroduced() {
        String flagType = "version: \"1.0\"\nflags:\n- key: f\n  name: F\n  type: BOOLEAN_FLAG_TYPE\n";
        String rollouts = "version: \"1.0\"\nflags:\n- key: f\n  name: F\n  rollouts:\n  - threshold:\n      percentage: 5\n";
        String rolloutKeys = "version: \"1.1\"\nflags:\n- key: f\n  name: F\n  type: BOOLEAN_FLAG_TYPE\n  rollouts:\n"
                + "  - segment:\n      keys: [s]\nsegments:\n- key: s\n  name: S\n";
        String metadata = "version: \"1.2\"\nflags:\n- key: f\n  name: F\n  metadata:\n    a: 1\n";
        String unsupported = "version: \"2.0\"\n";

        assertThat(validate("a.yml", flagType)).extracting(Problem::message).containsExactly("flag.type is supported in version >=1.1, found 1.0");
        assertThat(validate("a.yml", rollouts)).extracting(Problem::message).contains("flag.rollouts is supported in version >=1.1, found 1.0");
        assertThat(validate("a.yml", rolloutKeys)).extracting(Problem::message)
                .containsExactly("flag.rollouts[*].segment.keys is supported in version >=1.2, found 1.1");
        assertThat(validate("a.yml", metadata)).extracting(Problem::message).containsExactly("flag.metadata is supported in version >=1.3, found 1.2");
        assertThat(validate("a.yml", unsupported)).extracting(Problem::message).containsExactly("unsupported version: 2.0");
        assertThat(validate("a.yml", flagType.replace("1.0", "1.1"))).isEmpty();
        assertThat(validate("a.yml", metadata.replace("1.2", "1.3"))).isEmpty();
    }

    @Test
    void syntaxErrorsPointAtTheirLine() {
        List<Problem> yaml = validate("broken.yml", "flags:\n- key: a\n  name: [unclosed\n");
        List<Problem> json = validate("broken.json", "{\"flags\": [\n {\"key\": }\n]}");

        assertThat(yaml).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.SYNTAX);
            assertThat(problem.line()).isEqualTo(4);
        });
        assertThat(json).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.SYNTAX);
            assertThat(problem.line()).isEqualTo(2);
        });
    }

    @Test
    void stringsThatWouldReadAsOtherTypesAreQuoted() {
        FeatureDocument document = new FeatureDocument("1.4", new FeatureDocument.NamespaceSpec("default", "Default", "", false, 0),
                List.of(new FeatureDocument.FlagSpec("f", "null", "", "123", true, null,
                        List.of(new FeatureDocument.VariantSpec(false, "yes", "- dash", "a: b", null, 0)), List.of(), List.of(), 0)),
                List.of(), 0);

        String yaml = FeatureWriter.write(List.of(document), FeatureReader.Encoding.YAML);
        FeatureReader.Result back = FeatureReader.read("x.yml", yaml, FeatureReader.Encoding.YAML);

        assertThat(yaml).contains("name: \"null\"", "description: \"123\"", "key: \"yes\"", "name: \"- dash\"", "description: \"a: b\"");
        assertThat(back.problems()).isEmpty();
        assertThat(back.documents().get(0).flags().get(0).name()).isEqualTo("null");
        assertThat(back.documents().get(0).flags().get(0).variants().get(0).key()).isEqualTo("yes");
        assertThat(FeatureWriter.write(back.documents(), FeatureReader.Encoding.YAML)).isEqualTo(yaml);
    }
}

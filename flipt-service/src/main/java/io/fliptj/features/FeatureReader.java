package io.fliptj.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads features files: a YAML stream (one document per namespace, separated by {@code ---}) or JSON (one or
 * more documents one after the other; a first line starting with {@code #} is a comment). Reading never stops
 * at the first problem: every value of the wrong type, every unknown field and the first syntax error are
 * reported with their line and column, and the documents hold whatever could be read.
 */
public final class FeatureReader {
    /** How a file is encoded. */
    public enum Encoding {
        YAML,
        JSON;

        /** JSON for a {@code .json} file name, YAML otherwise (as Flipt decides). */
        public static Encoding ofFileName(String fileName) {
            return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }

        /** JSON when the first character that is not blank or in a {@code #} comment line is <code>{</code>. */
        public static Encoding guess(String text) {
            for (String line : text.split("\n", -1)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                return trimmed.startsWith("{") ? JSON : YAML;
            }
            return YAML;
        }
    }

    /** What was read: the documents and the problems found on the way. */
    public record Result(List<FeatureDocument> documents, List<Problem> problems) {
        public Result {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> DOCUMENT_FIELDS = Set.of("version", "namespace", "flags", "segments");
    private static final Set<String> NAMESPACE_FIELDS = Set.of("key", "name", "description");
    private static final Set<String> FLAG_FIELDS =
            Set.of("key", "name", "type", "description", "enabled", "metadata", "variants", "rules", "rollouts");
    private static final Set<String> VARIANT_FIELDS = Set.of("default", "key", "name", "description", "attachment");
    private static final Set<String> RULE_FIELDS = Set.of("segment", "rank", "distributions");
    private static final Set<String> RULE_SEGMENT_FIELDS = Set.of("keys", "operator");
    private static final Set<String> DISTRIBUTION_FIELDS = Set.of("variant", "rollout");
    private static final Set<String> ROLLOUT_FIELDS = Set.of("description", "segment", "threshold");
    private static final Set<String> ROLLOUT_SEGMENT_FIELDS = Set.of("key", "keys", "operator", "value");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("percentage", "value");
    private static final Set<String> SEGMENT_FIELDS = Set.of("key", "name", "description", "constraints", "match_type");
    private static final Set<String> CONSTRAINT_FIELDS = Set.of("type", "property", "operator", "value", "description");

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private FeatureReader(String file) {
        this.file = file;
    }

    /** Reads {@code text}, naming {@code file} in problems. */
    public static Result read(String file, String text, Encoding encoding) {
        FeatureReader reader = new FeatureReader(file);
        List<FeatureDocument> documents = switch (encoding) {
            case YAML -> reader.readYaml(text);
            case JSON -> reader.readJson(text);
        };
        return new Result(documents, reader.problems);
    }

    private static Yaml yaml() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setAllowDuplicateKeys(false);
        loaderOptions.setCodePointLimit(64 * 1024 * 1024);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(loaderOptions), new Representer(dumperOptions), dumperOptions, loaderOptions,
                new CoreSchemaResolver());
    }

    private List<FeatureDocument> readYaml(String text) {
        List<FeatureDocument> documents = new ArrayList<>();
        try {
            for (Node node : yaml().composeAll(new StringReader(text))) {
                if (node != null) {
                    documents.add(document(node));
                }
            }
        } catch (MarkedYAMLException error) {
            Mark mark = error.getProblemMark() != null ? error.getProblemMark() : error.getContextMark();
            String message = error.getProblem() != null ? error.getProblem() : error.getMessage();
            problems.add(new Problem(Problem.Kind.SYNTAX, file, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", "invalid YAML: " + message.strip()));
        } catch (YAMLException error) {
            problems.add(new Problem(Problem.Kind.SYNTAX, file, 0, 0, "", "invalid YAML: " + error.getMessage()));
        }
        return documents;
    }

    /**
     * JSON documents are located with a JSON parser and each is then read as YAML (JSON being YAML's flow style)
     * with its own position, so marks point into the original text.
     */
    private List<FeatureDocument> readJson(String text) {
        List<FeatureDocument> documents = new ArrayList<>();
        JsonFactory factory = JsonFactory.builder().enable(JsonReadFeature.ALLOW_YAML_COMMENTS).build();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int startOffset = (int) parser.currentTokenLocation().getCharOffset();
                int startLine = parser.currentTokenLocation().getLineNr();
                int startColumn = parser.currentTokenLocation().getColumnNr();
                if (token != JsonToken.START_OBJECT) {
                    problems.add(new Problem(Problem.Kind.INVALID, file, startLine, startColumn, "", "a document must be a JSON object"));
                    parser.skipChildren();
                    continue;
                }
                parser.skipChildren();
                int endOffset = (int) parser.currentLocation().getCharOffset();
                String padded = "\n".repeat(startLine - 1) + " ".repeat(Math.max(startColumn - 1, 0))
                        + text.substring(startOffset, Math.min(endOffset, text.length()));
                List<FeatureDocument> read = readYaml(padded);
                documents.addAll(read);
            }
        } catch (JsonProcessingException error) {
            problems.add(new Problem(Problem.Kind.SYNTAX, file, error.getLocation() == null ? 0 : error.getLocation().getLineNr(),
                    error.getLocation() == null ? 0 : error.getLocation().getColumnNr(), "", "invalid JSON: " + error.getOriginalMessage()));
        } catch (IOException error) {
            problems.add(new Problem(Problem.Kind.SYNTAX, file, 0, 0, "", "cannot read: " + error.getMessage()));
        }
        return documents;
    }

    // ------------------------------------------------------------------ documents

    private FeatureDocument document(Node node) {
        Map<String, NodeTuple> fields = mapping(node, "", DOCUMENT_FIELDS);
        String version = scalarText(fields.get("version"), "version");
        NamespaceSpec namespace = null;
        NodeTuple namespaceField = fields.get("namespace");
        if (namespaceField != null && !isNull(namespaceField.getValueNode())) {
            namespace = namespace(namespaceField.getValueNode());
        }
        List<FlagSpec> flags = new ArrayList<>();
        List<Node> flagNodes = sequence(fields.get("flags"), "flags");
        for (int index = 0; index < flagNodes.size(); index++) {
            if (!isNull(flagNodes.get(index))) {
                flags.add(flag(flagNodes.get(index), "flags[" + index + "]"));
            }
        }
        List<SegmentSpec> segments = new ArrayList<>();
        List<Node> segmentNodes = sequence(fields.get("segments"), "segments");
        for (int index = 0; index < segmentNodes.size(); index++) {
            if (!isNull(segmentNodes.get(index))) {
                segments.add(segment(segmentNodes.get(index), "segments[" + index + "]"));
            }
        }
        return new FeatureDocument(version, namespace, flags, segments, line(node));
    }

    private NamespaceSpec namespace(Node node) {
        if (node instanceof ScalarNode scalar) {
            return new NamespaceSpec(scalar.getValue(), scalar.getValue(), "", true, line(node));
        }
        Map<String, NodeTuple> fields = mapping(node, "namespace", NAMESPACE_FIELDS);
        return new NamespaceSpec(scalarText(fields.get("key"), "namespace.key"), scalarText(fields.get("name"), "namespace.name"),
                scalarText(fields.get("description"), "namespace.description"), false, line(node));
    }

    private FlagSpec flag(Node node, String path) {
        Map<String, NodeTuple> fields = mapping(node, path, FLAG_FIELDS);
        ObjectNode metadata = null;
        NodeTuple metadataField = fields.get("metadata");
        if (metadataField != null && !isNull(metadataField.getValueNode())) {
            JsonNode value = json(metadataField.getValueNode());
            if (value instanceof ObjectNode object) {
                metadata = object;
            } else {
                invalid(metadataField.getValueNode(), path + ".metadata", "must be a mapping");
            }
        }
        List<VariantSpec> variants = new ArrayList<>();
        List<Node> variantNodes = sequence(fields.get("variants"), path + ".variants");
        for (int index = 0; index < variantNodes.size(); index++) {
            if (!isNull(variantNodes.get(index))) {
                variants.add(variant(variantNodes.get(index), path + ".variants[" + index + "]"));
            }
        }
        List<RuleSpec> rules = new ArrayList<>();
        List<Node> ruleNodes = sequence(fields.get("rules"), path + ".rules");
        for (int index = 0; index < ruleNodes.size(); index++) {
            if (!isNull(ruleNodes.get(index))) {
                rules.add(rule(ruleNodes.get(index), path + ".rules[" + index + "]"));
            }
        }
        List<RolloutSpec> rollouts = new ArrayList<>();
        List<Node> rolloutNodes = sequence(fields.get("rollouts"), path + ".rollouts");
        for (int index = 0; index < rolloutNodes.size(); index++) {
            if (!isNull(rolloutNodes.get(index))) {
                rollouts.add(rollout(rolloutNodes.get(index), path + ".rollouts[" + index + "]"));
            }
        }
        return new FlagSpec(
                scalarText(fields.get("key"), path + ".key"),
                scalarText(fields.get("name"), path + ".name"),
                scalarText(fields.get("type"), path + ".type"),
                scalarText(fields.get("description"), path + ".description"),
                bool(fields.get("enabled"), path + ".enabled"),
                metadata, variants, rules, rollouts, line(node));
    }

    private VariantSpec variant(Node node, String path) {
        Map<String, NodeTuple> fields = mapping(node, path, VARIANT_FIELDS);
        JsonNode attachment = null;
        NodeTuple attachmentField = fields.get("attachment");
        if (attachmentField != null && !isNull(attachmentField.getValueNode())) {
            attachment = json(attachmentField.getValueNode());
        }
        return new VariantSpec(
                bool(fields.get("default"), path + ".default"),
                scalarText(fields.get("key"), path + ".key"),
                scalarText(fields.get("name"), path + ".name"),
                scalarText(fields.get("description"), path + ".description"),
                attachment, line(node));
    }

    private RuleSpec rule(Node node, String path) {
        Map<String, NodeTuple> fields = mapping(node, path, RULE_FIELDS);
        SegmentSelector segment = new SegmentSelector(List.of(), "", false);
        NodeTuple segmentField = fields.get("segment");
        if (segmentField != null && !isNull(segmentField.getValueNode())) {
            Node value = segmentField.getValueNode();
            if (value instanceof ScalarNode scalar) {
                segment = new SegmentSelector(List.of(scalar.getValue()), "", true);
            } else {
                Map<String, NodeTuple> segmentFields = mapping(value, path + ".segment", RULE_SEGMENT_FIELDS);
                segment = new SegmentSelector(strings(segmentFields.get("keys"), path + ".segment.keys"),
                        scalarText(segmentFields.get("operator"), path + ".segment.operator"), false);
            }
        }
        List<DistributionSpec> distributions = new ArrayList<>();
        List<Node> distributionNodes = sequence(fields.get("distributions"), path + ".distributions");
        for (int index = 0; index < distributionNodes.size(); index++) {
            Node distribution = distributionNodes.get(index);
            if (isNull(distribution)) {
                continue;
            }
            String distributionPath = path + ".distributions[" + index + "]";
            Map<String, NodeTuple> distributionFields = mapping(distribution, distributionPath, DISTRIBUTION_FIELDS);
            distributions.add(new DistributionSpec(
                    scalarText(distributionFields.get("variant"), distributionPath + ".variant"),
                    number(distributionFields.get("rollout"), distributionPath + ".rollout"),
                    line(distribution)));
        }
        return new RuleSpec(segment, (int) integer(fields.get("rank"), path + ".rank"), distributions, line(node));
    }

    private RolloutSpec rollout(Node node, String path) {
        Map<String, NodeTuple> fields = mapping(node, path, ROLLOUT_FIELDS);
        RolloutSegmentSpec segment = null;
        NodeTuple segmentField = fields.get("segment");
        if (segmentField != null && !isNull(segmentField.getValueNode())) {
            Node value = segmentField.getValueNode();
            String segmentPath = path + ".segment";
            Map<String, NodeTuple> segmentFields = mapping(value, segmentPath, ROLLOUT_SEGMENT_FIELDS);
            segment = new RolloutSegmentSpec(
                    scalarText(segmentFields.get("key"), segmentPath + ".key"),
                    strings(segmentFields.get("keys"), segmentPath + ".keys"),
                    scalarText(segmentFields.get("operator"), segmentPath + ".operator"),
                    bool(segmentFields.get("value"), segmentPath + ".value"),
                    line(value));
        }
        ThresholdSpec threshold = null;
        NodeTuple thresholdField = fields.get("threshold");
        if (thresholdField != null && !isNull(thresholdField.getValueNode())) {
            Node value = thresholdField.getValueNode();
            String thresholdPath = path + ".threshold";
            Map<String, NodeTuple> thresholdFields = mapping(value, thresholdPath, THRESHOLD_FIELDS);
            threshold = new ThresholdSpec(number(thresholdFields.get("percentage"), thresholdPath + ".percentage"),
                    bool(thresholdFields.get("value"), thresholdPath + ".value"), line(value));
        }
        return new RolloutSpec(scalarText(fields.get("description"), path + ".description"), segment, threshold, line(node));
    }

    private SegmentSpec segment(Node node, String path) {
        Map<String, NodeTuple> fields = mapping(node, path, SEGMENT_FIELDS);
        List<ConstraintSpec> constraints = new ArrayList<>();
        List<Node> constraintNodes = sequence(fields.get("constraints"), path + ".constraints");
        for (int index = 0; index < constraintNodes.size(); index++) {
            Node constraint = constraintNodes.get(index);
            if (isNull(constraint)) {
                continue;
            }
            String constraintPath = path + ".constraints[" + index + "]";
            Map<String, NodeTuple> constraintFields = mapping(constraint, constraintPath, CONSTRAINT_FIELDS);
            constraints.add(new ConstraintSpec(
                    scalarText(constraintFields.get("type"), constraintPath + ".type"),
                    scalarText(constraintFields.get("property"), constraintPath + ".property"),
                    scalarText(constraintFields.get("operator"), constraintPath + ".operator"),
                    scalarText(constraintFields.get("value"), constraintPath + ".value"),
                    scalarText(constraintFields.get("description"), constraintPath + ".description"),
                    line(constraint)));
        }
        return new SegmentSpec(
                scalarText(fields.get("key"), path + ".key"),
                scalarText(fields.get("name"), path + ".name"),
                scalarText(fields.get("description"), path + ".description"),
                constraints,
                scalarText(fields.get("match_type"), path + ".match_type"),
                line(node));
    }

    // ------------------------------------------------------------------ values

    /** The fields of a mapping by key; other keys are reported as unknown; a non-mapping is reported and reads as empty. */
    private Map<String, NodeTuple> mapping(Node node, String path, Set<String> known) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            if (!isNull(node)) {
                invalid(node, path, "must be a mapping");
            }
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                invalid(tuple.getKeyNode(), path, "keys must be strings");
                continue;
            }
            String name = key.getValue();
            if (!known.contains(name)) {
                problems.add(new Problem(Problem.Kind.UNKNOWN_FIELD, file, line(key), column(key), join(path, name), "unknown field"));
                continue;
            }
            fields.put(name, tuple);
        }
        return fields;
    }

    private List<Node> sequence(NodeTuple field, String path) {
        if (field == null || isNull(field.getValueNode())) {
            return List.of();
        }
        if (field.getValueNode() instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        invalid(field.getValueNode(), path, "must be a list");
        return List.of();
    }

    private String scalarText(NodeTuple field, String path) {
        if (field == null || isNull(field.getValueNode())) {
            return "";
        }
        if (field.getValueNode() instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        invalid(field.getValueNode(), path, "must be a string");
        return "";
    }

    private List<String> strings(NodeTuple field, String path) {
        List<String> values = new ArrayList<>();
        List<Node> items = sequence(field, path);
        for (int index = 0; index < items.size(); index++) {
            if (items.get(index) instanceof ScalarNode scalar && !isNull(scalar)) {
                values.add(scalar.getValue());
            } else {
                invalid(items.get(index), path + "[" + index + "]", "must be a string");
            }
        }
        return values;
    }

    private boolean bool(NodeTuple field, String path) {
        if (field == null || isNull(field.getValueNode())) {
            return false;
        }
        if (field.getValueNode() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return scalar.getValue().equalsIgnoreCase("true");
        }
        invalid(field.getValueNode(), path, "must be true or false");
        return false;
    }

    private float number(NodeTuple field, String path) {
        if (field == null || isNull(field.getValueNode())) {
            return 0;
        }
        if (field.getValueNode() instanceof ScalarNode scalar
                && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            JsonNode value = scalarJson(scalar);
            if (value.isNumber()) {
                return value.floatValue();
            }
        }
        invalid(field.getValueNode(), path, "must be a number");
        return 0;
    }

    private long integer(NodeTuple field, String path) {
        if (field == null || isNull(field.getValueNode())) {
            return 0;
        }
        if (field.getValueNode() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            JsonNode value = scalarJson(scalar);
            if (value.canConvertToInt() && value.intValue() >= 0) {
                return value.intValue();
            }
        }
        invalid(field.getValueNode(), path, "must be a whole number");
        return 0;
    }

    /** Any YAML value as JSON (mappings keep their order; keys must be strings). */
    private JsonNode json(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    object.set(key.getValue(), json(tuple.getValueNode()));
                } else {
                    invalid(tuple.getKeyNode(), "", "keys must be strings");
                }
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            sequence.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        return scalarJson((ScalarNode) node);
    }

    private JsonNode scalarJson(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return NODES.booleanNode(value.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT)) {
            String digits = value.startsWith("+") ? value.substring(1) : value;
            BigInteger integer;
            if (digits.startsWith("0x")) {
                integer = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0o")) {
                integer = new BigInteger(digits.substring(2), 8);
            } else {
                integer = new BigInteger(digits);
            }
            return integer.bitLength() < 63 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer.doubleValue());
        }
        if (tag.equals(Tag.FLOAT)) {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".inf") || lower.equals(".nan")) {
                invalid(scalar, "", "infinite and NaN numbers cannot be stored");
                return NODES.nullNode();
            }
            return NODES.numberNode(new BigDecimal(value.startsWith("+") ? value.substring(1) : value).doubleValue());
        }
        return NODES.textNode(value);
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL));
    }

    private void invalid(Node node, String path, String message) {
        problems.add(new Problem(Problem.Kind.INVALID, file, line(node), column(node), path, message));
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static int column(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

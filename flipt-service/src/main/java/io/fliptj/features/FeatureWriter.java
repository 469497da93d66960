package io.fliptj.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.fliptj.features.FeatureDocument.ConstraintSpec;
import io.fliptj.features.FeatureDocument.DistributionSpec;
import io.fliptj.features.FeatureDocument.FlagSpec;
import io.fliptj.features.FeatureDocument.NamespaceSpec;
import io.fliptj.features.FeatureDocument.RolloutSpec;
import io.fliptj.features.FeatureDocument.RuleSpec;
import io.fliptj.features.FeatureDocument.SegmentSpec;
import io.fliptj.features.FeatureDocument.VariantSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes features documents the way Flipt's exporter does: fields in Flipt's order, empty fields left out,
 * mappings inside attachments and metadata ordered by key. YAML documents are separated by {@code ---};
 * JSON documents are written one per line. The output depends only on the documents, so the same state always
 * gives the same bytes.
 */
public final class FeatureWriter {
    /** A number already in its final text form. */
    private record NumberText(String text) {
    }

    private static final Pattern PLAIN_UNSAFE_START = Pattern.compile("^[-?:,\\[\\]{}#&*!|>'\"%@`\\s~=<]");
    private static final Pattern LOOKS_TYPED = Pattern.compile(
            "^(?:[-+]?(?:\\.?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|\\.(?:inf|nan))"
                    + "|(?i:null|true|false|yes|no|on|off|y|n)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[0-9:]+)$",
            Pattern.CASE_INSENSITIVE);

    private FeatureWriter() {
        throw new AssertionError("no instances");
    }

    public static String write(List<FeatureDocument> documents, FeatureReader.Encoding encoding) {
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < documents.size(); index++) {
            Map<String, Object> tree = tree(documents.get(index));
            switch (encoding) {
                case YAML -> {
                    if (index > 0) {
                        out.append("---\n");
                    }
                    yamlMapping(tree, 0, out);
                }
                case JSON -> {
                    json(tree, out);
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ document → ordered tree

    private static Map<String, Object> tree(FeatureDocument document) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putText(tree, "version", document.version());
        if (document.namespace() != null) {
            NamespaceSpec namespace = document.namespace();
            if (namespace.keyOnly()) {
                tree.put("namespace", namespace.key());
            } else {
                Map<String, Object> object = new LinkedHashMap<>();
                putText(object, "key", namespace.key());
                putText(object, "name", namespace.name());
                putText(object, "description", namespace.description());
                tree.put("namespace", object);
            }
        }
        putList(tree, "flags", document.flags().stream().map(FeatureWriter::flag).toList());
        putList(tree, "segments", document.segments().stream().map(FeatureWriter::segment).toList());
        return tree;
    }

    private static Map<String, Object> flag(FlagSpec flag) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putText(tree, "key", flag.key());
        putText(tree, "name", flag.name());
        putText(tree, "type", flag.type());
        putText(tree, "description", flag.description());
        tree.put("enabled", flag.enabled());
        if (flag.metadata() != null && !flag.metadata().isEmpty()) {
            tree.put("metadata", value(flag.metadata()));
        }
        putList(tree, "variants", flag.variants().stream().map(FeatureWriter::variant).toList());
        putList(tree, "rules", flag.rules().stream().map(FeatureWriter::rule).toList());
        putList(tree, "rollouts", flag.rollouts().stream().map(FeatureWriter::rollout).toList());
        return tree;
    }

    private static Map<String, Object> variant(VariantSpec variant) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (variant.isDefault()) {
            tree.put("default", true);
        }
        putText(tree, "key", variant.key());
        putText(tree, "name", variant.name());
        putText(tree, "description", variant.description());
        if (variant.attachment() != null && !variant.attachment().isNull()) {
            tree.put("attachment", value(variant.attachment()));
        }
        return tree;
    }

    private static Map<String, Object> rule(RuleSpec rule) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (rule.segment().singleKey()) {
            tree.put("segment", rule.segment().keys().get(0));
        } else {
            Map<String, Object> segment = new LinkedHashMap<>();
            putList(segment, "keys", List.copyOf(rule.segment().keys()));
            putText(segment, "operator", rule.segment().operator());
            tree.put("segment", segment);
        }
        if (rule.rank() != 0) {
            tree.put("rank", new NumberText(Integer.toString(rule.rank())));
        }
        List<Object> distributions = new ArrayList<>();
        for (DistributionSpec distribution : rule.distributions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            putText(item, "variant", distribution.variant());
            if (distribution.rollout() != 0) {
                item.put("rollout", float32(distribution.rollout()));
            }
            distributions.add(item);
        }
        putList(tree, "distributions", distributions);
        return tree;
    }

    private static Map<String, Object> rollout(RolloutSpec rollout) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putText(tree, "description", rollout.description());
        if (rollout.segment() != null) {
            Map<String, Object> segment = new LinkedHashMap<>();
            putText(segment, "key", rollout.segment().key());
            putList(segment, "keys", List.copyOf(rollout.segment().keys()));
            putText(segment, "operator", rollout.segment().operator());
            if (rollout.segment().value()) {
                segment.put("value", true);
            }
            tree.put("segment", segment);
        }
        if (rollout.threshold() != null) {
            Map<String, Object> threshold = new LinkedHashMap<>();
            if (rollout.threshold().percentage() != 0) {
                threshold.put("percentage", float32(rollout.threshold().percentage()));
            }
            if (rollout.threshold().value()) {
                threshold.put("value", true);
            }
            tree.put("threshold", threshold);
        }
        return tree;
    }

    private static Map<String, Object> segment(SegmentSpec segment) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putText(tree, "key", segment.key());
        putText(tree, "name", segment.name());
        putText(tree, "description", segment.description());
        List<Object> constraints = new ArrayList<>();
        for (ConstraintSpec constraint : segment.constraints()) {
            Map<String, Object> item = new LinkedHashMap<>();
            putText(item, "type", constraint.type());
            putText(item, "property", constraint.property());
            putText(item, "operator", constraint.operator());
            putText(item, "value", constraint.value());
            putText(item, "description", constraint.description());
            constraints.add(item);
        }
        putList(tree, "constraints", constraints);
        putText(tree, "match_type", segment.matchType());
        return tree;
    }

    /** A float32 in its shortest decimal form ({@code 33.3}, {@code 100}). */
    private static NumberText float32(float value) {
        return new NumberText(new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString());
    }

    /** A JSON value as a tree: objects ordered by key, numbers as Go prints float64. */
    private static Object value(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                GoJson.sortedFields(node).forEach(field -> object.put(field.getKey(), value(field.getValue())));
                yield object;
            }
            case ARRAY -> {
                List<Object> array = new ArrayList<>();
                node.forEach(item -> array.add(value(item)));
                yield array;
            }
            case STRING -> node.textValue();
            case NUMBER -> new NumberText(GoJson.number(node));
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING, BINARY, POJO -> null;
        };
    }

    private static void putText(Map<String, Object> tree, String key, String value) {
        if (!value.isEmpty()) {
            tree.put(key, value);
        }
    }

    private static void putList(Map<String, Object> tree, String key, List<?> values) {
        if (!values.isEmpty()) {
            tree.put(key, values);
        }
    }

    // ------------------------------------------------------------------ YAML

    private static void yamlMapping(Map<String, Object> mapping, int indent, StringBuilder out) {
        boolean first = true;
        for (Map.Entry<String, Object> entry : mapping.entrySet()) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            yamlScalar(entry.getKey(), out);
            out.append(':');
            yamlValueAfterKey(entry.getValue(), indent, out);
        }
    }

    private static void yamlValueAfterKey(Object value, int indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n').append(" ".repeat(indent + 2));
            yamlMapping(cast(map), indent + 2, out);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            yamlSequence(list, indent, out);
        } else {
            out.append(' ');
            yamlInline(value, out);
            out.append('\n');
        }
    }

    private static void yamlSequence(List<?> list, int indent, StringBuilder out) {
        for (Object item : list) {
            out.append(" ".repeat(indent)).append("- ");
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                yamlMapping(cast(map), indent + 2, out);
            } else if (item instanceof List<?> nested && !nested.isEmpty()) {
                out.append('\n');
                yamlSequence(nested, indent + 2, out);
            } else {
                yamlInline(item, out);
                out.append('\n');
            }
        }
    }

    private static void yamlInline(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?>) {
            out.append("{}");
        } else if (value instanceof List<?>) {
            out.append("[]");
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else if (value instanceof NumberText number) {
            out.append(number.text());
        } else {
            yamlScalar((String) value, out);
        }
    }

    private static void yamlScalar(String text, StringBuilder out) {
        if (isPlainSafe(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (character < 0x20 || character == 0x7f || character == '\u0085' || character == '\u2028'
                            || character == '\u2029' || character == '\ufeff') {
                        out.append(String.format("\\u%04x", (int) character));
                    } else {
                        out.append(character);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether a string reads back as the same string when written without quotes. */
    private static boolean isPlainSafe(String text) {
        if (text.isEmpty() || PLAIN_UNSAFE_START.matcher(text).find() || LOOKS_TYPED.matcher(text).matches()) {
            return false;
        }
        if (text.endsWith(" ") || text.endsWith(":") || text.contains(": ") || text.contains(" #") || text.equals("<<")) {
            return false;
        }
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < 0x20 || character == 0x7f || (character >= 0x80 && character <= 0x9f) || character == '\u2028'
                    || character == '\u2029' || character == '\ufeff' || Character.isSurrogate(character)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    // ------------------------------------------------------------------ JSON

    private static void json(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                GoJson.quote((String) entry.getKey(), out);
                out.append(':');
                json(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int index = 0; index < list.size(); index++) {
                if (index > 0) {
                    out.append(',');
                }
                json(list.get(index), out);
            }
            out.append(']');
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else if (value instanceof NumberText number) {
            out.append(number.text());
        } else {
            GoJson.quote((String) value, out);
        }
    }
}

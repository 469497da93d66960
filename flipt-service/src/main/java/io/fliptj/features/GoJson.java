package io.fliptj.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON text as Go's {@code encoding/json} writes it for decoded values ({@code map[string]any}, {@code []any},
 * {@code float64}): compact, object keys sorted, numbers in Go's float64 form ({@code 42}, {@code 3.14},
 * {@code 1e+21}), and {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped. This is what Flipt stores as a
 * variant attachment after reading it from a features file, so an import here stores the same text.
 */
final class GoJson {
    private GoJson() {
        throw new AssertionError("no instances");
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : sortedFields(node)) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(field.getKey(), out);
                    out.append(':');
                    write(field.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int index = 0; index < node.size(); index++) {
                    if (index > 0) {
                        out.append(',');
                    }
                    write(node.get(index), out);
                }
                out.append(']');
            }
            case STRING -> quote(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            case BINARY, POJO -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** The fields of an object ordered by key (Go sorts map keys by their UTF-8 bytes; for the BMP that is char order). */
    static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> iterator = node.fields(); iterator.hasNext(); ) {
            fields.add(iterator.next());
        }
        fields.sort(Map.Entry.comparingByKey());
        return fields;
    }

    /** A number as Go prints a float64: plain between 1e-6 and 1e21, otherwise {@code 1.5e+21}. */
    static String number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong() && Math.abs(node.longValue()) < (1L << 53)) {
            return Long.toString(node.longValue());
        }
        return float64(node.doubleValue());
    }

    static String float64(double value) {
        if (value == 0) {
            return "0";
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("unsupported value: " + value);
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-6 && magnitude < 1e21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        StringBuilder text = new StringBuilder();
        if (decimal.signum() < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+');
        int absolute = Math.abs(exponent);
        if (absolute < 10) {
            text.append('0');
        }
        return text.append(absolute).toString();
    }

    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) character));
                default -> {
                    if (character < 0x20) {
                        out.append(String.format("\\u%04x", (int) character));
                    } else {
                        out.append(character);
                    }
                }
            }
        }
        out.append('"');
    }
}

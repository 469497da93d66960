package io.fliptj.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of strings from a YAML sequence or from one string of comma-separated values (the
 * form a {@code dw.*} override takes, and Flipt's single-value form such as {@code allowed_origins: "*"}).
 */
final class CommaSeparatedList extends StdDeserializer<List<String>> {
    private static final long serialVersionUID = 1L;

    CommaSeparatedList() {
        super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        List<String> values = new ArrayList<>();
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                values.add(parser.getValueAsString());
            }
            return values;
        }
        for (String part : parser.getValueAsString("").split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return values;
    }
}

package io.fliptj.storage.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.PageRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Flipt's SQL page tokens: standard base64 of the JSON object {@code {"key":"<next key>","offset":N}}. Only
 * the offset matters when reading one; the key is informational.
 */
final class PageTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageTokens() {
    }

    static String encode(String nextKey, long offset) {
        ObjectNode token = JSON.createObjectNode();
        if (!nextKey.isEmpty()) {
            token.put("key", nextKey);
        }
        if (offset != 0) {
            token.put("offset", offset);
        }
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode page token", e);
        }
    }

    /** The offset a page request starts at: the token's when one is given, else the request's offset. */
    static long startOffset(PageRequest page) {
        return page.pageToken().isEmpty() ? page.offset() : decodeOffset(page.pageToken());
    }

    /** @throws InvalidArgumentException {@code pageToken is not valid: "<token>"} */
    static long decodeOffset(String pageToken) {
        try {
            byte[] decoded = Base64.getDecoder().decode(pageToken);
            JsonNode node = JSON.readTree(new String(decoded, StandardCharsets.UTF_8));
            if (node == null || node.isNull() || node.isMissingNode()) {
                return 0;
            }
            if (!node.isObject()) {
                throw invalid(pageToken);
            }
            long offset = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (name.equals("offset") && !value.isNull()) {
                    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
                        throw invalid(pageToken);
                    }
                    offset = value.asLong();
                } else if (name.equals("key") && !value.isNull() && !value.isTextual()) {
                    throw invalid(pageToken);
                }
            }
            return offset;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid(pageToken);
        }
    }

    private static InvalidArgumentException invalid(String pageToken) {
        return new InvalidArgumentException("pageToken is not valid: " + GoStrings.quote(pageToken));
    }
}

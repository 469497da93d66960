package io.fliptj.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fliptj.api.ComparisonType;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.storage.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Page tokens, JSON compaction, constraint normalisation and Go quoting. */
class StorageTextTest {
    @Test
    void pageTokensRoundTrip() {
        String token = PageTokens.encode("next", 25);
        assertThat(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)).isEqualTo("{\"key\":\"next\",\"offset\":25}");
        assertThat(PageTokens.decodeOffset(token)).isEqualTo(25);
        assertThat(PageTokens.decodeOffset(base64("{\"OFFSET\":3,\"other\":true}"))).isEqualTo(3);
        assertThat(PageTokens.decodeOffset(base64("null"))).isZero();
        assertThat(PageTokens.startOffset(new PageRequest(10, 7, ""))).isEqualTo(7);
        assertThat(PageTokens.startOffset(new PageRequest(10, 7, token))).isEqualTo(25);
        for (String invalid : new String[] {"bad", base64("{\"offset\":-1}"), base64("{\"offset\":1.5}"), base64("{\"key\":1}"), base64("\"x\"")}) {
            assertThatThrownBy(() -> PageTokens.decodeOffset(invalid))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("pageToken is not valid: \"" + invalid + "\"");
        }
    }

    @Test
    void compactsJsonLikeGo() {
        assertThat(JsonText.compact(" { \"a\" : [ 1 , 2.50 ] ,\n\t\"b\" : \"x  \\\" y\" } ")).isEqualTo("{\"a\":[1,2.50],\"b\":\"x  \\\" y\"}");
        assertThat(JsonText.compact(null)).isEmpty();
        assertThat(JsonText.compact("")).isEmpty();
    }

    @Test
    void normalisesConstraintValues() {
        assertThat(ConstraintValues.operator("IsOneOf")).isEqualTo("isoneof");
        assertThat(ConstraintValues.value(ComparisonType.STRING_COMPARISON_TYPE, "EMPTY", "x")).isEmpty();
        assertThat(ConstraintValues.value(ComparisonType.NUMBER_COMPARISON_TYPE, "notpresent", "1")).isEmpty();
        assertThat(ConstraintValues.value(ComparisonType.STRING_COMPARISON_TYPE, "eq", " x ")).isEqualTo(" x ");
        assertThat(ConstraintValues.value(ComparisonType.DATETIME_COMPARISON_TYPE, "eq", "2021-03-04T05:06:07-01:00"))
                .isEqualTo("2021-03-04T06:06:07Z");
        assertThat(ConstraintValues.value(ComparisonType.DATETIME_COMPARISON_TYPE, "eq", "2021-03-04")).isEqualTo("2021-03-04");
        assertThat(ConstraintValues.value(ComparisonType.DATETIME_COMPARISON_TYPE, "eq", "yesterday")).isEqualTo("yesterday");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

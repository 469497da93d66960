package io.fliptj.features;

import static java.util.Objects.requireNonNull;

/**
 * Something wrong in a features file, located by file, 1-based line and column (0 when unknown) and the path
 * of the field ({@code flags[0].rules[1].segment}, empty for the whole document).
 */
public record Problem(Kind kind, String file, int line, int column, String field, String message) {
    /** What kind of problem it is. */
    public enum Kind {
        /** The text is not YAML or JSON. */
        SYNTAX,
        /** A field the format does not have; Flipt's import ignores it, its validation refuses it. */
        UNKNOWN_FIELD,
        /** A value of the wrong type, missing, or refused by the API's validation. */
        INVALID,
        /** A reference to a segment or variant that does not exist. */
        REFERENCE
    }

    public Problem {
        requireNonNull(kind, "kind is null");
        requireNonNull(file, "file is null");
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }

    /** {@code file:line:column: field: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}

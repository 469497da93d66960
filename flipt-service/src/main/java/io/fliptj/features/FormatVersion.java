package io.fliptj.features;

import java.util.Optional;

/** The versions of the features format Flipt v1.61 reads; export writes {@link #LATEST}. */
public enum FormatVersion {
    V1_0("1.0"),
    V1_1("1.1"),
    V1_2("1.2"),
    V1_3("1.3"),
    V1_4("1.4");

    public static final FormatVersion LATEST = V1_4;

    private final String text;

    FormatVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean atLeast(FormatVersion other) {
        return compareTo(other) >= 0;
    }

    /**
     * The version a {@code version} field names, read leniently as Flipt does ({@code 1}, {@code 1.2}, {@code v1.2.0});
     * an empty field means {@link #LATEST}; empty for unsupported versions.
     */
    public static Optional<FormatVersion> parse(String version) {
        String text = version.trim();
        if (text.isEmpty()) {
            return Optional.of(LATEST);
        }
        if (text.startsWith("v")) {
            text = text.substring(1);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 3) {
            return Optional.empty();
        }
        int[] numbers = new int[3];
        for (int index = 0; index < parts.length; index++) {
            if (!parts[index].matches("\\d+")) {
                return Optional.empty();
            }
            numbers[index] = Integer.parseInt(parts[index]);
        }
        if (numbers[0] != 1 || numbers[2] != 0) {
            return Optional.empty();
        }
        for (FormatVersion candidate : values()) {
            if (candidate.ordinal() == numbers[1]) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

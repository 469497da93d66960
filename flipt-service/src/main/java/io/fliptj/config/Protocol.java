package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Flipt's {@code server.protocol}: plain HTTP and gRPC, or both over TLS. */
public enum Protocol {
    HTTP,
    HTTPS;

    @JsonCreator
    public static Protocol fromName(String name) {
        if (name == null) {
            return null;
        }
        for (Protocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(name.trim())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a protocol; use one of "
                + Arrays.stream(values()).map(Protocol::toString).collect(Collectors.joining(", ")));
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

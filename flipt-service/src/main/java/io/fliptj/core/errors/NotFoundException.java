package io.fliptj.core.errors;

import io.fliptj.core.evaluation.GoStrings;

/** A referenced entity does not exist (gRPC NOT_FOUND, HTTP 404). Message e.g. {@code flag "default/foo" not found}. */
public final class NotFoundException extends FliptException {
    public NotFoundException(String message) {
        super(message);
    }

    /** Builds Flipt's {@code <kind> "<namespace>/<key>" not found} message, the resource quoted as Go's {@code %q} quotes it. */
    public static NotFoundException of(String kind, String namespaceKey, String key) {
        return new NotFoundException(kind + " " + GoStrings.quote(namespaceKey + "/" + key) + " not found");
    }
}

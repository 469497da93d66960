package io.fliptj.telemetry;

/** The request id of a REST request or gRPC call: the client's {@code x-request-id} when it is sensible, else a new random UUID. */
public final class RequestIds {
    /** The header (and gRPC metadata key) carrying the id both ways. */
    public static final String HEADER = "x-request-id";
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
        throw new AssertionError("no instances");
    }

    /** {@code given} when it is 1 to 128 printable ASCII characters, otherwise a new id. */
    public static String of(String given) {
        if (given == null || given.isEmpty() || given.length() > MAX_LENGTH) {
            return io.fliptj.grpc.RequestIds.newId();
        }
        for (int index = 0; index < given.length(); index++) {
            char character = given.charAt(index);
            if (character < 0x21 || character > 0x7E) {
                return io.fliptj.grpc.RequestIds.newId();
            }
        }
        return given;
    }
}

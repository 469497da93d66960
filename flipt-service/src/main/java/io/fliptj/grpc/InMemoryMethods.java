package io.fliptj.grpc;

import java.util.Set;

/**
 * The gRPC methods answered from the in-memory evaluation snapshots: every evaluation (v2, legacy and OFREP)
 * and the client-side snapshot. They touch the database only to load a namespace for the first time.
 */
public final class InMemoryMethods {
    private static final Set<String> SERVICES = Set.of(
            "flipt.evaluation.EvaluationService",
            "flipt.evaluation.DataService",
            "flipt.ofrep.OFREPService");
    private static final Set<String> METHODS = Set.of("flipt.Flipt/Evaluate", "flipt.Flipt/BatchEvaluate");

    private InMemoryMethods() {
        throw new AssertionError("no instances");
    }

    /** True for a full method name ({@code package.Service/Method}) served from memory. */
    public static boolean contains(String fullMethodName) {
        int slash = fullMethodName.indexOf('/');
        return METHODS.contains(fullMethodName) || (slash > 0 && SERVICES.contains(fullMethodName.substring(0, slash)));
    }
}

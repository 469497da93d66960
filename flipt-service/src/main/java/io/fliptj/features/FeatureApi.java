package io.fliptj.features;

import io.fliptj.api.Constraint;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.api.DeleteSegmentRequest;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.Variant;
import java.util.List;
import java.util.Optional;

/**
 * The management API calls that import and export make: against the configured database (through the
 * stores, with the API's request validation) or against a running server. Failures are thrown as
 * {@link ApiException}s carrying the API's message.
 */
public interface FeatureApi {
    Optional<Namespace> findNamespace(String key);

    /** Every namespace, in the API's order. */
    List<Namespace> listNamespaces();

    Namespace createNamespace(CreateNamespaceRequest request);

    void deleteNamespace(DeleteNamespaceRequest request);

    /** Every flag of a namespace with its variants, in the API's order. */
    List<Flag> listFlags(String namespaceKey);

    List<Segment> listSegments(String namespaceKey);

    List<Rule> listRules(String namespaceKey, String flagKey);

    List<Rollout> listRollouts(String namespaceKey, String flagKey);

    Flag createFlag(CreateFlagRequest request);

    Flag updateFlag(UpdateFlagRequest request);

    void deleteFlag(DeleteFlagRequest request);

    Variant createVariant(CreateVariantRequest request);

    Segment createSegment(CreateSegmentRequest request);

    void deleteSegment(DeleteSegmentRequest request);

    Constraint createConstraint(CreateConstraintRequest request);

    Rule createRule(CreateRuleRequest request);

    Distribution createDistribution(CreateDistributionRequest request);

    Rollout createRollout(CreateRolloutRequest request);

    /** A failed call, with the API's message (and its gRPC code when known, else -1). */
    final class ApiException extends RuntimeException {
        private final int code;

        public ApiException(int code, String message) {
            super(message);
            this.code = code;
        }

        public ApiException(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}

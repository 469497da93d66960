package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
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
import io.fliptj.core.errors.FliptException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.Stores;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link FeatureApi} on a backend's stores: each write is validated by the API's {@link RequestValidator} first,
 * exactly as the gRPC and REST APIs validate it, then handed to the store. Domain errors keep their message.
 */
public final class StoreFeatureApi implements FeatureApi {
    private final Stores stores;
    private final RequestValidator validator;

    public StoreFeatureApi(Stores stores, RequestValidator validator) {
        this.stores = requireNonNull(stores, "stores is null");
        this.validator = requireNonNull(validator, "validator is null");
    }

    @Override
    public Optional<Namespace> findNamespace(String key) {
        try {
            return Optional.of(stores.namespaces().getNamespace(key));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    @Override
    public List<Namespace> listNamespaces() {
        return call(() -> stores.namespaces().listNamespaces(PageRequest.all()).items());
    }

    @Override
    public Namespace createNamespace(CreateNamespaceRequest request) {
        return call(() -> stores.namespaces().createNamespace(validated(request)));
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest request) {
        call(() -> {
            stores.namespaces().deleteNamespace(validated(request));
            return null;
        });
    }

    @Override
    public List<Flag> listFlags(String namespaceKey) {
        return call(() -> stores.flags().listFlags(namespaceKey, PageRequest.all()).items());
    }

    @Override
    public List<Segment> listSegments(String namespaceKey) {
        return call(() -> stores.segments().listSegments(namespaceKey, PageRequest.all()).items());
    }

    @Override
    public List<Rule> listRules(String namespaceKey, String flagKey) {
        return call(() -> stores.rules().listRules(namespaceKey, flagKey, PageRequest.all()).items());
    }

    @Override
    public List<Rollout> listRollouts(String namespaceKey, String flagKey) {
        return call(() -> stores.rollouts().listRollouts(namespaceKey, flagKey, PageRequest.all()).items());
    }

    @Override
    public Flag createFlag(CreateFlagRequest request) {
        return call(() -> stores.flags().createFlag(validated(request)));
    }

    @Override
    public Flag updateFlag(UpdateFlagRequest request) {
        return call(() -> stores.flags().updateFlag(validated(request)));
    }

    @Override
    public void deleteFlag(DeleteFlagRequest request) {
        call(() -> {
            stores.flags().deleteFlag(validated(request));
            return null;
        });
    }

    @Override
    public Variant createVariant(CreateVariantRequest request) {
        return call(() -> stores.flags().createVariant(validated(request)));
    }

    @Override
    public Segment createSegment(CreateSegmentRequest request) {
        return call(() -> stores.segments().createSegment(validated(request)));
    }

    @Override
    public void deleteSegment(DeleteSegmentRequest request) {
        call(() -> {
            stores.segments().deleteSegment(validated(request));
            return null;
        });
    }

    @Override
    public Constraint createConstraint(CreateConstraintRequest request) {
        return call(() -> stores.segments().createConstraint(validated(request)));
    }

    @Override
    public Rule createRule(CreateRuleRequest request) {
        return call(() -> stores.rules().createRule(validated(request)));
    }

    @Override
    public Distribution createDistribution(CreateDistributionRequest request) {
        return call(() -> stores.rules().createDistribution(validated(request)));
    }

    @Override
    public Rollout createRollout(CreateRolloutRequest request) {
        return call(() -> stores.rollouts().createRollout(validated(request)));
    }

    private <T extends Message> T validated(T request) {
        return validator.validateAndNormalize(request);
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (FliptException error) {
            throw new ApiException(-1, error.getMessage(), error);
        }
    }
}

package io.fliptj.core.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Evaluates flags of one {@link NamespaceSnapshot} exactly as Flipt v1.61's server does.
 *
 * <p>Thread-safety: stateless apart from the immutable snapshot; safe for concurrent use.
 *
 * <p>Context: a missing key and a key mapped to {@code ""} (or {@code null}) are the same. The
 * request's flag key is what gets hashed; it equals the stored key, since look-up is exact.
 *
 * <p>Every evaluation of an existing flag of the right type is reported once to the
 * {@link EvaluationObserver}, whichever API asked for it.
 */
public final class Evaluator {
    private final NamespaceSnapshot snapshot;
    private final EvaluationObserver observer;
    private final boolean observed;

    public Evaluator(NamespaceSnapshot snapshot) {
        this(snapshot, EvaluationObserver.NONE);
    }

    public Evaluator(NamespaceSnapshot snapshot, EvaluationObserver observer) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.observed = observer != EvaluationObserver.NONE;
    }

    public NamespaceSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Evaluates a variant flag ({@code /evaluate/v1/variant}).
     *
     * @throws FlagNotFoundException when the flag does not exist
     * @throws FlagTypeMismatchException when it is a boolean flag
     * @throws InvalidEvaluationDataException for a negative rule rank or a constraint of unknown type
     */
    public VariantResult variant(String flagKey, String entityId, Map<String, String> context) {
        requireNonNull(entityId, "entityId is null");
        requireNonNull(context, "context is null");
        CompiledFlag flag = find(flagKey, FlagType.VARIANT);
        if (!observed) {
            return variantOf(flag, flagKey, entityId, context);
        }
        long start = System.nanoTime();
        VariantResult result;
        try {
            result = variantOf(flag, flagKey, entityId, context);
        } catch (RuntimeException error) {
            observer.evaluationFailed(snapshot.namespaceKey(), flagKey, FlagType.VARIANT, error, start, System.nanoTime());
            throw error;
        }
        observer.variantEvaluated(snapshot.namespaceKey(), result, start, System.nanoTime());
        return result;
    }

    private VariantResult variantOf(CompiledFlag flag, String flagKey, String entityId, Map<String, String> context) {
        String variantKey = flag.defaultVariantKey();
        String variantAttachment = flag.defaultVariantAttachment();
        EvaluationReason fallbackReason = flag.hasDefaultVariant() ? EvaluationReason.DEFAULT : EvaluationReason.UNKNOWN;
        if (!flag.enabled()) {
            return new VariantResult(flagKey, false, List.of(), EvaluationReason.FLAG_DISABLED, variantKey, variantAttachment);
        }
        CompiledRule[] rules = flag.rules();
        if (rules.length > 0 && flag.ruleRankError() != null) {
            throw new InvalidEvaluationDataException(flag.ruleRankError());
        }
        for (CompiledRule rule : rules) {
            List<String> segmentKeys = rule.condition().evaluate(context, entityId);
            if (segmentKeys == null) {
                continue;
            }
            if (!rule.hasDistributions()) {
                return new VariantResult(flagKey, true, segmentKeys, EvaluationReason.MATCH, variantKey, variantAttachment);
            }
            int distribution = rule.distributionFor(Buckets.variantBucket(flag.keyBytes(), entityId));
            if (distribution < 0) {
                return new VariantResult(flagKey, false, segmentKeys, fallbackReason, variantKey, variantAttachment);
            }
            return new VariantResult(
                    flagKey,
                    true,
                    segmentKeys,
                    EvaluationReason.MATCH,
                    rule.variantKey(distribution),
                    rule.variantAttachment(distribution));
        }
        return new VariantResult(flagKey, false, List.of(), fallbackReason, variantKey, variantAttachment);
    }

    /**
     * Evaluates a boolean flag ({@code /evaluate/v1/boolean}). Never reports FLAG_DISABLED: a disabled
     * flag still evaluates its rollouts, and {@code enabled} only supplies the fall-through value.
     *
     * @throws FlagNotFoundException when the flag does not exist
     * @throws FlagTypeMismatchException when it is a variant flag
     * @throws InvalidEvaluationDataException for a constraint of unknown type
     * @throws EvaluationFailedException for a negative rollout rank
     */
    public BooleanResult bool(String flagKey, String entityId, Map<String, String> context) {
        requireNonNull(entityId, "entityId is null");
        requireNonNull(context, "context is null");
        CompiledFlag flag = find(flagKey, FlagType.BOOLEAN);
        if (!observed) {
            return booleanOf(flag, entityId, context);
        }
        long start = System.nanoTime();
        BooleanResult result;
        try {
            result = booleanOf(flag, entityId, context);
        } catch (RuntimeException error) {
            observer.evaluationFailed(snapshot.namespaceKey(), flagKey, FlagType.BOOLEAN, error, start, System.nanoTime());
            throw error;
        }
        observer.booleanEvaluated(snapshot.namespaceKey(), result, start, System.nanoTime());
        return result;
    }

    private BooleanResult booleanOf(CompiledFlag flag, String entityId, Map<String, String> context) {
        CompiledRollout[] rollouts = flag.rollouts();
        if (rollouts.length > 0 && flag.rolloutRankError() != null) {
            throw new EvaluationFailedException(flag.rolloutRankError());
        }
        int bucket = -1;
        for (CompiledRollout rollout : rollouts) {
            if (rollout.isThreshold()) {
                if (bucket < 0) {
                    bucket = Buckets.booleanBucket(flag.keyBytes(), entityId);
                }
                if (rollout.thresholdMatches(bucket)) {
                    return new BooleanResult(flag.key(), rollout.value(), EvaluationReason.MATCH, List.of());
                }
                continue;
            }
            List<String> segmentKeys = rollout.condition().evaluate(context, entityId);
            if (segmentKeys != null) {
                return new BooleanResult(flag.key(), rollout.value(), EvaluationReason.MATCH, segmentKeys);
            }
        }
        return new BooleanResult(flag.key(), flag.enabled(), EvaluationReason.DEFAULT, List.of());
    }

    /**
     * Evaluates a variant flag for the legacy {@code /api/v1/evaluate}: the same algorithm and errors as
     * {@link #variant}, reported with the legacy field names and reasons.
     */
    public LegacyEvaluationResult legacyEvaluate(String flagKey, String entityId, Map<String, String> context) {
        return LegacyEvaluationResult.of(variant(flagKey, entityId, context));
    }

    private CompiledFlag find(String flagKey, FlagType expectedType) {
        requireNonNull(flagKey, "flagKey is null");
        CompiledFlag flag = snapshot.flag(flagKey);
        if (flag == null) {
            throw new FlagNotFoundException(snapshot.namespaceKey(), flagKey);
        }
        if (flag.type() != expectedType) {
            throw new FlagTypeMismatchException(flag.type());
        }
        return flag;
    }
}

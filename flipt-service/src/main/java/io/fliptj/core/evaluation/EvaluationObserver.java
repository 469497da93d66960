package io.fliptj.core.evaluation;

/**
 * Told about every evaluation of an existing flag of the expected type, once, after it finished;
 * evaluations that fail before that (flag not found, wrong type) are not reported, as in Flipt.
 * Times are {@link System#nanoTime()} readings.
 *
 * <p>Implementations are called on the evaluating thread for every evaluation: they must be
 * thread-safe, must not throw, and should not allocate on the common path.
 */
public interface EvaluationObserver {
    /** Observes nothing; evaluators with this observer do not read the clock. */
    EvaluationObserver NONE = new EvaluationObserver() {
        @Override
        public void variantEvaluated(String namespaceKey, VariantResult result, long startNanos, long endNanos) {
        }

        @Override
        public void booleanEvaluated(String namespaceKey, BooleanResult result, long startNanos, long endNanos) {
        }

        @Override
        public void evaluationFailed(String namespaceKey, String flagKey, FlagType type, RuntimeException error, long startNanos, long endNanos) {
        }
    };

    void variantEvaluated(String namespaceKey, VariantResult result, long startNanos, long endNanos);

    void booleanEvaluated(String namespaceKey, BooleanResult result, long startNanos, long endNanos);

    /** The flag exists and has the expected type, but its rules or rollouts could not be evaluated. */
    void evaluationFailed(String namespaceKey, String flagKey, FlagType type, RuntimeException error, long startNanos, long endNanos);
}

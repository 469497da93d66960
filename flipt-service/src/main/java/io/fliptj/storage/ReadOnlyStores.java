package io.fliptj.storage;

import io.fliptj.core.errors.ReadOnlyException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Read-only views of a backend's stores, as Flipt's {@code storage.read_only} gives them: every method
 * declared by a {@code ReadOnly*} interface (and the evaluation store) reaches the backend, every write
 * method throws {@link ReadOnlyException} before touching it. A write method is any method declared on a
 * writable store interface itself, so a write added to an interface later is refused without change here.
 */
public final class ReadOnlyStores {
    private static final Set<Class<?>> READ_INTERFACES = Set.of(
            ReadOnlyNamespaceStore.class,
            ReadOnlyFlagStore.class,
            ReadOnlySegmentStore.class,
            ReadOnlyRuleStore.class,
            ReadOnlyRolloutStore.class,
            Object.class);

    private ReadOnlyStores() {
        throw new AssertionError("no instances");
    }

    /** {@code stores} with every write refused; reads and evaluation state pass through unchanged. */
    public static Stores wrap(Stores stores) {
        return of(stores.namespaces(), stores.flags(), stores.segments(), stores.rules(), stores.rollouts(), stores.evaluation());
    }

    /**
     * Stores that serve reads from the given read-only stores and refuse every write, for backends that cannot
     * write at all (declarative storage).
     */
    public static Stores of(ReadOnlyNamespaceStore namespaces, ReadOnlyFlagStore flags, ReadOnlySegmentStore segments,
            ReadOnlyRuleStore rules, ReadOnlyRolloutStore rollouts, EvaluationStore evaluation) {
        return new Stores(
                refuseWrites(NamespaceStore.class, namespaces),
                refuseWrites(FlagStore.class, flags),
                refuseWrites(SegmentStore.class, segments),
                refuseWrites(RuleStore.class, rules),
                refuseWrites(RolloutStore.class, rollouts),
                evaluation);
    }

    private static <T> T refuseWrites(Class<T> storeInterface, Object delegate) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (!READ_INTERFACES.contains(method.getDeclaringClass())) {
                throw new ReadOnlyException();
            }
            return invoke(method, delegate, arguments);
        };
        return storeInterface.cast(Proxy.newProxyInstance(
                storeInterface.getClassLoader(), new Class<?>[] {storeInterface}, handler));
    }

    private static Object invoke(Method method, Object delegate, Object[] arguments) throws Throwable {
        try {
            return method.invoke(delegate, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}

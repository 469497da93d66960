package io.fliptj.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one committed write transaction did to a namespace: it gave it the state versions {@code firstVersion}
 * to {@code lastVersion} (inclusive), and, when every change it made belongs to one flag (the flag, its
 * variants, rules, distributions or rollouts), that flag's key.
 */
public record NamespaceWrite(long firstVersion, long lastVersion, Optional<String> flagKey) {
    public NamespaceWrite {
        requireNonNull(flagKey, "flagKey is null");
        if (firstVersion > lastVersion) {
            throw new IllegalArgumentException("first version " + firstVersion + " is after last version " + lastVersion);
        }
    }

    /** This write followed, in the same transaction, by {@code next}; confined to a flag only if both are, to the same one. */
    public NamespaceWrite then(NamespaceWrite next) {
        Optional<String> flag = flagKey.equals(next.flagKey) ? flagKey : Optional.empty();
        return new NamespaceWrite(Math.min(firstVersion, next.firstVersion), Math.max(lastVersion, next.lastVersion), flag);
    }
}

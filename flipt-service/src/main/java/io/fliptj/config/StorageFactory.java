package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code storage} section: where flag state comes from. {@code readOnly} turns every write of the flag
 * state (namespaces, flags, variants, segments, constraints, rules, distributions, rollouts) into Flipt's
 * {@code modification is not allowed in read-only mode}; tokens and audit events stay writable.
 */
public final class StorageFactory {
    /** The kinds of flag storage. */
    public enum Type {
        DATABASE
    }

    @NotNull
    private Type type = Type.DATABASE;

    private boolean readOnly;

    @JsonProperty
    public Type getType() {
        return type;
    }

    @JsonProperty
    public void setType(Type type) {
        this.type = type;
    }

    @JsonProperty
    public boolean isReadOnly() {
        return readOnly;
    }

    @JsonProperty
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The storage type as Flipt names it in {@code /meta/info}. */
    public String typeName() {
        return switch (type) {
            case DATABASE -> "database";
        };
    }
}

package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code storage} section: where flag state comes from. {@code readOnly} turns every write of the flag
 * state (namespaces, flags, variants, segments, constraints, rules, distributions, rollouts) into Flipt's
 * {@code modification is not allowed in read-only mode}; tokens and audit events stay writable.
 */
public final class StorageFactory {
    /** The kinds of flag storage. */
    public enum Type {
        DATABASE,
        LOCAL,
        GIT
    }

    @NotNull
    private Type type = Type.DATABASE;

    private boolean readOnly;

    @Valid
    @NotNull
    private LocalStorageFactory local = new LocalStorageFactory();

    @Valid
    @NotNull
    private GitStorageFactory git = new GitStorageFactory();

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
            case LOCAL -> "local";
            case GIT -> "git";
        };
    }

    @JsonProperty
    public LocalStorageFactory getLocal() {
        return local;
    }

    @JsonProperty
    public void setLocal(LocalStorageFactory local) {
        this.local = local;
    }

    @JsonProperty
    public GitStorageFactory getGit() {
        return git;
    }

    @JsonProperty
    public void setGit(GitStorageFactory git) {
        this.git = git;
    }

    /** Whether writes of the flag state are refused: always for declarative storage, as configured for a database. */
    @JsonIgnore
    public boolean isReadOnlyInEffect() {
        return switch (type) {
            case DATABASE -> readOnly;
            case LOCAL, GIT -> true;
        };
    }

    /** {@code storage.git.repository} is required with {@code type: git}. */
    @JsonIgnore
    @ValidationMethod(message = "storage.git.repository is required when storage.type is git")
    public boolean isGitRepositoryGiven() {
        return type != Type.GIT || !git.getRepository().isBlank();
    }
}

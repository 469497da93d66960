package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * {@code storage.git}: features files in a Git repository, read-only. The {@code ref} (a branch or tag) is
 * fetched every {@code pollInterval}; {@code directory} is the folder inside the repository that holds the
 * files (its root by default). Credentials are either {@code authentication.basic} (username and password) or
 * {@code authentication.token} (an access token, sent as the password of user {@code x-access-token}).
 */
public final class GitStorageFactory {
    private String repository = "";

    @NotNull
    private String ref = "main";

    @NotNull
    private String directory = "";

    @NotNull
    private Duration pollInterval = Duration.seconds(30);

    @Valid
    @NotNull
    private Authentication authentication = new Authentication();

    @JsonProperty
    public String getRepository() {
        return repository;
    }

    @JsonProperty
    public void setRepository(String repository) {
        this.repository = repository;
    }

    @JsonProperty
    public String getRef() {
        return ref;
    }

    @JsonProperty
    public void setRef(String ref) {
        this.ref = ref;
    }

    @JsonProperty
    public String getDirectory() {
        return directory;
    }

    @JsonProperty
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    @JsonAlias("poll_interval")
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public Authentication getAuthentication() {
        return authentication;
    }

    @JsonProperty
    public void setAuthentication(Authentication authentication) {
        this.authentication = authentication;
    }

    /** Optional credentials for the repository. */
    public static final class Authentication {
        @Valid
        @NotNull
        private Basic basic = new Basic();

        @Valid
        @NotNull
        private Token token = new Token();

        @JsonProperty
        public Basic getBasic() {
            return basic;
        }

        @JsonProperty
        public void setBasic(Basic basic) {
            this.basic = basic;
        }

        @JsonProperty
        public Token getToken() {
            return token;
        }

        @JsonProperty
        public void setToken(Token token) {
            this.token = token;
        }
    }

    /** HTTP basic credentials. */
    public static final class Basic {
        private String username = "";
        private String password = "";

        @JsonProperty
        public String getUsername() {
            return username;
        }

        @JsonProperty
        public void setUsername(String username) {
            this.username = username;
        }

        @JsonProperty
        public String getPassword() {
            return password;
        }

        @JsonProperty
        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** An access token. */
    public static final class Token {
        private String accessToken = "";

        @JsonProperty
        public String getAccessToken() {
            return accessToken;
        }

        @JsonProperty
        @JsonAlias("access_token")
        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }
    }
}

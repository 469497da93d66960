package io.fliptj.storage.declarative;

import io.dropwizard.lifecycle.Managed;
import io.fliptj.config.StorageFactory;
import io.fliptj.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Declarative, read-only flag storage ({@code storage.type: local} or {@code git}): its stores and its polling lifecycle. */
public final class DeclarativeStorage implements Managed {
    private final PollingSource source;
    private final AutoCloseable resource;

    private DeclarativeStorage(PollingSource source, AutoCloseable resource) {
        this.source = source;
        this.resource = resource;
    }

    /**
     * Opens the configured source and loads its files (cloning a Git repository first).
     *
     * @throws Exception when the files cannot be read or are invalid; the server must not start then
     */
    public static DeclarativeStorage open(StorageFactory configuration, Clock clock) throws Exception {
        return switch (configuration.getType()) {
            case LOCAL -> new DeclarativeStorage(new PollingSource("local storage " + configuration.getLocal().getPath(),
                    new LocalDirectory(Path.of(configuration.getLocal().getPath())),
                    Duration.ofMillis(configuration.getLocal().getPollInterval().toMilliseconds()), clock), () -> { });
            case GIT -> {
                GitRepository repository = new GitRepository(configuration.getGit());
                try {
                    yield new DeclarativeStorage(new PollingSource("git storage " + configuration.getGit().getRepository(), repository,
                            Duration.ofMillis(configuration.getGit().getPollInterval().toMilliseconds()), clock), repository);
                } catch (Exception failure) {
                    repository.close();
                    throw failure;
                }
            }
            case DATABASE -> throw new IllegalArgumentException("database storage is not declarative");
        };
    }

    public Stores stores() {
        return source.stores().stores();
    }

    /** Checks the source now (tests and the poller use it); true when a new state is served. */
    public boolean refresh() {
        return source.refresh();
    }

    @Override
    public void start() {
        source.start();
    }

    @Override
    public void stop() throws Exception {
        source.stop();
        resource.close();
    }
}

package io.fliptj.storage.declarative;

import static java.util.Objects.requireNonNull;

import io.fliptj.config.GitStorageFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The features files of a Git repository ({@code storage.type: git}): cloned into a temporary directory at
 * start, then each read fetches the configured ref (a branch or a tag) and, when it moved, checks the new commit
 * out. Only this class touches the clone, one read at a time.
 */
public final class GitRepository implements PollingSource.FileReader, AutoCloseable {
    private final GitStorageFactory configuration;
    private final Path clone;
    private final Git git;
    private final CredentialsProvider credentials;
    private ObjectId checkedOut;

    public GitRepository(GitStorageFactory configuration) throws IOException, GitAPIException {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.credentials = credentials(configuration.getAuthentication());
        this.clone = Files.createTempDirectory("flipt-git-storage-");
        this.git = Git.cloneRepository()
                .setURI(configuration.getRepository())
                .setDirectory(clone.toFile())
                .setCredentialsProvider(credentials)
                .setNoCheckout(true)
                .call();
    }

    /** The commit whose files are served now (empty before the first read). */
    public synchronized String commit() {
        return checkedOut == null ? "" : checkedOut.name();
    }

    @Override
    public synchronized List<StateBuilder.SourceFile> read() throws IOException, GitAPIException {
        git.fetch().setCredentialsProvider(credentials).setRemoveDeletedRefs(true).setTagOpt(TagOpt.FETCH_TAGS).call();
        ObjectId target = resolve();
        if (!target.equals(checkedOut)) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.name()).call();
            checkedOut = target;
        }
        Path root = configuration.getDirectory().isEmpty() ? clone : clone.resolve(configuration.getDirectory());
        return LocalDirectory.readFiles(root).stream().filter(file -> !file.path().startsWith(".git/")).toList();
    }

    private ObjectId resolve() throws IOException {
        String ref = configuration.getRef();
        for (String candidate : List.of("refs/remotes/origin/" + ref, "refs/tags/" + ref, ref)) {
            ObjectId id = git.getRepository().resolve(candidate + "^{commit}");
            if (id != null) {
                return id;
            }
        }
        throw new IOException("ref \"" + ref + "\" not found in " + configuration.getRepository());
    }

    private static CredentialsProvider credentials(GitStorageFactory.Authentication authentication) {
        if (!authentication.getToken().getAccessToken().isEmpty()) {
            return new UsernamePasswordCredentialsProvider("x-access-token", authentication.getToken().getAccessToken());
        }
        if (!authentication.getBasic().getUsername().isEmpty()) {
            return new UsernamePasswordCredentialsProvider(authentication.getBasic().getUsername(), authentication.getBasic().getPassword());
        }
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        git.close();
        try (Stream<Path> paths = Files.walk(clone)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

package io.fliptj.storage.declarative;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The features files of a local directory ({@code storage.type: local}). */
public final class LocalDirectory implements PollingSource.FileReader {
    private final Path root;

    public LocalDirectory(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    @Override
    public List<StateBuilder.SourceFile> read() throws IOException {
        return readFiles(root);
    }

    /** The features files under {@code root} with their text. */
    static List<StateBuilder.SourceFile> readFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root.toAbsolutePath());
        }
        List<StateBuilder.SourceFile> files = new ArrayList<>();
        for (String path : FeatureFiles.list(root)) {
            files.add(new StateBuilder.SourceFile(path, Files.readString(root.resolve(path))));
        }
        return files;
    }
}

package io.fliptj.storage.declarative;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds the features files of a directory as Flipt does: an optional {@code .flipt.yml} index at the root
 * ({@code version}, {@code include} and {@code exclude} glob lists) or, without one, every file whose path ends in
 * {@code features.yml}, {@code features.yaml}, {@code .features.yml} or {@code .features.yaml}. Globs match the
 * path relative to the root with {@code /} separators; {@code *} matches any characters (separators included, as
 * in Flipt's glob library), {@code ?} one character, {@code [...]} a class and {@code {a,b}} alternatives.
 */
public final class FeatureFiles {
    /** The index file's name. */
    public static final String INDEX_FILE = ".flipt.yml";
    private static final List<String> DEFAULT_INCLUDES =
            List.of("**features.yml", "**features.yaml", "**.features.yml", "**.features.yaml");

    private FeatureFiles() {
        throw new AssertionError("no instances");
    }

    /**
     * The features files under {@code root}, relative to it, in lexical order.
     *
     * @throws IOException when the directory or the index cannot be read or the index is invalid
     */
    public static List<String> list(Path root) throws IOException {
        List<Pattern> includes = new ArrayList<>();
        List<Pattern> excludes = new ArrayList<>();
        Path index = root.resolve(INDEX_FILE);
        List<String> includeGlobs = DEFAULT_INCLUDES;
        List<String> excludeGlobs = List.of();
        if (Files.isRegularFile(index)) {
            Object document;
            try {
                document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(index));
            } catch (RuntimeException invalid) {
                throw new IOException(INDEX_FILE + ": " + invalid.getMessage(), invalid);
            }
            if (document instanceof Map<?, ?> fields) {
                includeGlobs = strings(fields.get("include"), "include", DEFAULT_INCLUDES);
                excludeGlobs = strings(fields.get("exclude"), "exclude", List.of());
            } else if (document != null) {
                throw new IOException(INDEX_FILE + ": must be a mapping with include and exclude lists");
            }
        }
        includeGlobs.forEach(glob -> includes.add(compile(glob)));
        excludeGlobs.forEach(glob -> excludes.add(compile(glob)));
        List<String> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(path -> includes.stream().anyMatch(glob -> glob.matcher(path).matches()))
                    .filter(path -> excludes.stream().noneMatch(glob -> glob.matcher(path).matches()))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    private static List<String> strings(Object value, String field, List<String> otherwise) throws IOException {
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof List<?> list)) {
            throw new IOException(INDEX_FILE + ": " + field + " must be a list of globs");
        }
        List<String> globs = new ArrayList<>();
        for (Object item : list) {
            globs.add(String.valueOf(item));
        }
        return globs;
    }

    /** A glob as a regular expression. */
    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int index = 0; index < glob.length(); index++) {
            char character = glob.charAt(index);
            switch (character) {
                case '*' -> {
                    regex.append(".*");
                    while (index + 1 < glob.length() && glob.charAt(index + 1) == '*') {
                        index++;
                    }
                }
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', index + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(index + 1, end);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        regex.append('[').append(body.replace("\\", "\\\\")).append(']');
                        index = end;
                    }
                }
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (index + 1 < glob.length()) {
                        index++;
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(index))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

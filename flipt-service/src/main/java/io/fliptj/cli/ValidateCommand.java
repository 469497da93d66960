package io.fliptj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.fliptj.features.FeatureDocument;
import io.fliptj.features.FeatureReader;
import io.fliptj.features.FeatureValidator;
import io.fliptj.features.Problem;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.declarative.FeatureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code validate [FILES...]}: checks features files without touching any database (Flipt's
 * {@code flipt validate}); without files, the features files of the working directory (by its {@code .flipt.yml}
 * index or the default names). Every problem of every file is reported, with file, line and field;
 * {@code --format json} prints them as a JSON array. Exits 0 when there is none, {@code --issue-exit-code}
 * (1) otherwise.
 */
public final class ValidateCommand extends Command {
    public ValidateCommand() {
        super("validate", "Validate features files (features.yml or JSON) and report every problem");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("files").nargs("*").metavar("FILE").help("features files (default: those of the working directory)");
        subparser.addArgument("-F", "--format").choices("text", "json").setDefault("text").help("output format");
        subparser.addArgument("--issue-exit-code").dest("issueExitCode").type(Integer.class).setDefault(1)
                .help("exit code when problems are found");
        subparser.addArgument("-d", "--work-dir").dest("workDir").setDefault(".").help("working directory for relative paths");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        CommandOutput.logToStandardError();
        Path workDirectory = Path.of(namespace.getString("workDir"));
        List<String> files = namespace.getList("files");
        if (files.isEmpty()) {
            files = FeatureFiles.list(workDirectory);
        }
        List<Problem> problems = validate(workDirectory, files);
        if (namespace.getString("format").equals("json")) {
            System.out.println(json(problems));
        } else if (problems.isEmpty()) {
            System.out.println("Validation succeeded: " + files.size() + (files.size() == 1 ? " file" : " files") + ", no problems");
        } else {
            System.out.println("Validation failed!");
            problems.forEach(System.out::println);
            System.out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        }
        CommandOutput.exit(problems.isEmpty() ? 0 : namespace.getInt("issueExitCode"));
    }

    /** Every problem of the files: syntax, unknown fields, invalid values and dangling references. */
    static List<Problem> validate(Path workDirectory, List<String> files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<FeatureDocument>> documentsByFile = new LinkedHashMap<>();
        for (String file : files) {
            String text;
            try {
                text = Files.readString(workDirectory.resolve(file));
            } catch (IOException error) {
                problems.add(new Problem(Problem.Kind.SYNTAX, file, 0, 0, "", "cannot read: " + error.getMessage()));
                continue;
            }
            FeatureReader.Result read = FeatureReader.read(file, text, FeatureReader.Encoding.ofFileName(file));
            problems.addAll(read.problems());
            documentsByFile.put(file, read.documents());
        }
        Map<String, Set<String>> segmentsByNamespace = new HashMap<>();
        documentsByFile.values().forEach(documents -> documents.forEach(document -> document.segments()
                .forEach(segment -> segmentsByNamespace.computeIfAbsent(document.namespaceKey(), key -> new HashSet<>()).add(segment.key()))));
        FeatureValidator validator = new FeatureValidator(new RequestValidator());
        documentsByFile.forEach((file, documents) -> problems.addAll(
                validator.validate(file, documents, namespaceKey -> segmentsByNamespace.getOrDefault(namespaceKey, Set.of()))));
        return problems;
    }

    private static String json(List<Problem> problems) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Problem problem : problems) {
            ObjectNode error = array.addObject();
            error.put("message", problem.message());
            error.put("field", problem.field());
            error.put("kind", problem.kind().name().toLowerCase(java.util.Locale.ROOT));
            ObjectNode location = error.putObject("location");
            location.put("file", problem.file());
            location.put("line", problem.line());
            location.put("column", problem.column());
        }
        return mapper.writeValueAsString(array);
    }
}

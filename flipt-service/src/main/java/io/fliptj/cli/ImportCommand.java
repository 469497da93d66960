package io.fliptj.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.fliptj.FliptConfiguration;
import io.fliptj.features.Exporter;
import io.fliptj.features.FeatureApi;
import io.fliptj.features.FeatureDocument;
import io.fliptj.features.FeatureReader;
import io.fliptj.features.FeatureState;
import io.fliptj.features.FeatureValidator;
import io.fliptj.features.Importer;
import io.fliptj.features.Problem;
import io.fliptj.features.RestFeatureApi;
import io.fliptj.grpc.validation.RequestValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import FILE|--stdin [CONFIG]}: imports a features file (Flipt's {@code flipt import}). Without
 * {@code --address} it writes to the configured database in one transaction; with it, through the REST API of
 * a running server. Either way the whole file is read and validated first, and a file with any problem
 * changes nothing.
 */
public final class ImportCommand extends ConfiguredCommand<FliptConfiguration> {
    public ImportCommand() {
        super("import", "Import flags, segments, rules and rollouts from a features file (features.yml or JSON)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("arguments").nargs("*").metavar("FILE [CONFIG]")
                .help("the features file to import (unless --stdin), then the application configuration file");
        subparser.addArgument("--config").dest("config").help("application configuration file");
        subparser.addArgument("--stdin").action(Arguments.storeTrue()).help("read the features from standard input");
        subparser.addArgument("--drop").action(Arguments.storeTrue())
                .help("remove all flags, segments and namespaces before importing");
        subparser.addArgument("--skip-existing").dest("skipExisting").action(Arguments.storeTrue())
                .help("leave flags and segments that already exist alone");
        subparser.addArgument("-a", "--address").help("import through the API of the server at this HTTP address instead");
        subparser.addArgument("-t", "--token").help("client token for --address");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        List<String> arguments = new ArrayList<>(namespace.<String>getList("arguments"));
        Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
        if (!namespace.getBoolean("stdin")) {
            if (arguments.isEmpty()) {
                System.err.println("import: a features file (or --stdin) is required");
                CommandOutput.exit(2);
            }
            attributes.put("input", arguments.remove(0));
        }
        attributes.put("file", namespace.getString("address") != null ? null
                : namespace.getString("config") != null ? namespace.getString("config")
                : arguments.isEmpty() ? null : arguments.get(0));
        super.run(bootstrap, new Namespace(attributes));
    }

    @Override
    protected void run(Bootstrap<FliptConfiguration> bootstrap, Namespace namespace, FliptConfiguration configuration) throws Exception {
        CommandOutput.logToStandardError();
        String input = namespace.getString("input");
        String file = input == null ? "<stdin>" : input;
        String text;
        try {
            text = input == null ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(input));
        } catch (IOException error) {
            System.err.println("import: cannot read " + file + ": " + error.getMessage());
            CommandOutput.exit(1);
            return;
        }
        FeatureReader.Encoding encoding = input == null ? FeatureReader.Encoding.guess(text) : FeatureReader.Encoding.ofFileName(input);
        FeatureReader.Result read = FeatureReader.read(file, text, encoding);
        List<Problem> problems = new ArrayList<>();
        for (Problem problem : read.problems()) {
            if (problem.kind() == Problem.Kind.UNKNOWN_FIELD) {
                System.err.println("warning: " + problem + " (ignored)");
            } else {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            CommandOutput.printProblems(problems);
            System.err.println("import: nothing was imported");
            CommandOutput.exit(1);
        }
        Options options = new Options(namespace.getBoolean("drop"), namespace.getBoolean("skipExisting"));
        String address = namespace.getString("address");
        int status;
        if (address == null) {
            try (LocalDatabase database = new LocalDatabase(configuration)) {
                status = importLocally(database, file, read.documents(), options);
            }
        } else {
            status = importRemotely(new RestFeatureApi(address, namespace.getString("token")), file, read.documents(), options);
        }
        CommandOutput.exit(status);
    }

    /** What the import flags ask for. */
    record Options(boolean drop, boolean skipExisting) {
    }

    private static int importLocally(LocalDatabase database, String file, List<FeatureDocument> documents, Options options) {
        FeatureApi api = database.api();
        try {
            database.inOneTransaction(() -> {
                if (options.drop()) {
                    FeatureState.dropAll(api);
                }
                List<Problem> problems = checks(api, file, documents, options);
                if (!problems.isEmpty()) {
                    throw new ProblemsException(problems);
                }
                Importer importer = new Importer(api, options.skipExisting(), System.err::println);
                importer.importDocuments(file, documents);
                return null;
            });
        } catch (ProblemsException refused) {
            CommandOutput.printProblems(refused.problems);
            System.err.println("import: nothing was imported");
            return 1;
        } catch (Importer.ImportException failed) {
            System.err.println(failed.problem());
            System.err.println("import: nothing was imported (the transaction was rolled back)");
            return 1;
        }
        System.err.println("import: imported " + file);
        return 0;
    }

    private static int importRemotely(FeatureApi api, String file, List<FeatureDocument> documents, Options options) {
        List<FeatureDocument> backup = List.of();
        if (options.drop()) {
            backup = new Exporter(api, false).exportAll();
        } else {
            List<Problem> problems = checks(api, file, documents, options);
            if (!problems.isEmpty()) {
                CommandOutput.printProblems(problems);
                System.err.println("import: nothing was imported");
                return 1;
            }
        }
        if (options.drop()) {
            List<Problem> problems = new FeatureValidator(new RequestValidator()).validate(file, documents, namespaceKey -> Set.of());
            if (!problems.isEmpty()) {
                CommandOutput.printProblems(problems);
                System.err.println("import: nothing was imported");
                return 1;
            }
            FeatureState.dropAll(api);
        }
        Importer importer = new Importer(api, options.skipExisting(), System.err::println);
        try {
            importer.importDocuments(file, documents);
        } catch (Importer.ImportException | FeatureApi.ApiException failed) {
            System.err.println(failed instanceof Importer.ImportException importFailure ? importFailure.problem().toString() : failed.getMessage());
            if (options.drop()) {
                System.err.println("import: failed after dropping the server's state; restoring the previous state");
                FeatureState.dropAll(api);
                new Importer(api, false, System.err::println).importDocuments("<previous state>", backup);
                System.err.println("import: previous state restored (with new ids)");
            } else {
                List<String> left = FeatureState.undo(api, importer.journal());
                if (left.isEmpty()) {
                    System.err.println("import: everything this import had created was deleted again");
                } else {
                    System.err.println("import: these could not be rolled back and remain on the server:");
                    left.forEach(item -> System.err.println("  " + item));
                }
            }
            return 1;
        }
        System.err.println("import: imported " + file + " into " + "the server");
        return 0;
    }

    /** Validation against the target (segments that exist there count) plus keys that would collide. */
    private static List<Problem> checks(FeatureApi api, String file, List<FeatureDocument> documents, Options options) {
        Function<String, Set<String>> existing = FeatureState.existingSegments(api);
        List<Problem> problems = new ArrayList<>(new FeatureValidator(new RequestValidator()).validate(file, documents, existing));
        if (!options.skipExisting()) {
            problems.addAll(FeatureState.conflicts(file, documents, api));
        }
        return problems;
    }

    /** Problems found inside the transaction, which end it without writing. */
    private static final class ProblemsException extends RuntimeException {
        private final transient List<Problem> problems;

        ProblemsException(List<Problem> problems) {
            super(problems.size() + " problems", null, false, false);
            this.problems = problems;
        }
    }
}

package io.fliptj.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.fliptj.FliptConfiguration;
import io.fliptj.features.Exporter;
import io.fliptj.features.FeatureApi;
import io.fliptj.features.FeatureDocument;
import io.fliptj.features.FeatureReader;
import io.fliptj.features.FeatureWriter;
import io.fliptj.features.RestFeatureApi;
import io.fliptj.storage.Namespaces;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code export [CONFIG]}: writes namespaces as a features file (Flipt's {@code flipt export}), from the
 * configured database or, with {@code --address}, from a running server. The output is deterministic: the
 * same state gives the same bytes (unlike Flipt, no export time is written).
 */
public final class ExportCommand extends ConfiguredCommand<FliptConfiguration> {
    public ExportCommand() {
        super("export", "Export flags, segments, rules and rollouts to a features file (YAML, or JSON for a .json file)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("file").nargs("?").metavar("CONFIG").help("application configuration file");
        subparser.addArgument("--config").dest("config").help("application configuration file");
        subparser.addArgument("-o", "--output").help("write to this file instead of standard output (.json writes JSON)");
        subparser.addArgument("--namespaces").setDefault(Namespaces.DEFAULT)
                .help("comma-separated keys of the namespaces to export (default: default)");
        subparser.addArgument("-n", "--namespace").help("the one namespace to export (deprecated, as in Flipt)");
        subparser.addArgument("--all-namespaces").dest("allNamespaces").action(Arguments.storeTrue()).help("export every namespace");
        subparser.addArgument("--sort-by-key").dest("sortByKey").action(Arguments.storeTrue())
                .help("order namespaces, flags, segments and variants by key");
        subparser.addArgument("-a", "--address").help("export from the server at this HTTP address instead");
        subparser.addArgument("-t", "--token").help("client token for --address");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
        if (namespace.getString("address") != null) {
            attributes.put("file", null);
        } else if (namespace.getString("config") != null) {
            attributes.put("file", namespace.getString("config"));
        }
        super.run(bootstrap, new Namespace(attributes));
    }

    @Override
    protected void run(Bootstrap<FliptConfiguration> bootstrap, Namespace namespace, FliptConfiguration configuration) throws Exception {
        CommandOutput.logToStandardError();
        String address = namespace.getString("address");
        List<FeatureDocument> documents;
        try {
            if (address == null) {
                try (LocalDatabase database = new LocalDatabase(configuration)) {
                    documents = export(database.api(), namespace);
                }
            } else {
                documents = export(new RestFeatureApi(address, namespace.getString("token")), namespace);
            }
        } catch (FeatureApi.ApiException failed) {
            System.err.println("export: " + failed.getMessage());
            CommandOutput.exit(1);
            return;
        }
        String output = namespace.getString("output");
        FeatureReader.Encoding encoding = output == null ? FeatureReader.Encoding.YAML : FeatureReader.Encoding.ofFileName(output);
        String text = FeatureWriter.write(documents, encoding);
        if (output == null) {
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            out.print(text);
            out.flush();
        } else {
            Files.writeString(Path.of(output), text, StandardCharsets.UTF_8);
        }
        CommandOutput.exit(0);
    }

    private static List<FeatureDocument> export(FeatureApi api, Namespace namespace) {
        Exporter exporter = new Exporter(api, namespace.getBoolean("sortByKey"));
        if (namespace.getBoolean("allNamespaces")) {
            return exporter.exportAll();
        }
        String keys = namespace.getString("namespace") != null ? namespace.getString("namespace") : namespace.getString("namespaces");
        return exporter.export(Arrays.stream(keys.split(",")).map(String::strip).filter(key -> !key.isEmpty()).toList());
    }
}

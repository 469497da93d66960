package io.fliptj.features;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by YAML 1.2's core schema, as Go's {@code yaml.v3} (which Flipt reads features files
 * with) does: only {@code true}/{@code false} are booleans ({@code yes}, {@code on} stay strings), and there are
 * no implicit timestamps.
 */
final class CoreSchemaResolver extends Resolver {
    private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INTEGER = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOLEAN, "tfTF", 10);
        addImplicitResolver(Tag.INT, INTEGER, "-+0123456789", 32);
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.", 32);
        addImplicitResolver(Tag.NULL, NULL, "~nN", 4);
        addImplicitResolver(Tag.NULL, EMPTY, null, 0);
    }
}

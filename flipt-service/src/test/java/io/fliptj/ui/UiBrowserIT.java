package io.fliptj.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fliptj.testing.ServerJar;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the UI's browser tests ({@code flipt-ui/e2e/run.mjs}, playwright-core driving Debian's
 * headless Chromium) against the packaged server ({@code target/flipt.jar}) started here on a
 * temporary SQLite database with free ports: the main suite on a plain server, the login and token
 * suite on a server that requires authentication (static tokens, and OIDC against the script's fake
 * identity provider), and the read-only suite on a database filled by a writable server and then
 * served with {@code storage.readOnly: true}. Without Chromium or the UI's node_modules the tests
 * are skipped with a message, unless {@code FLIPT_REQUIRE_BROWSER=true} (as in CI), which fails
 * them instead.
 */
class UiBrowserIT {
    private static final String BOOTSTRAP_TOKEN = "ui-e2e-bootstrap-token";
    private static final String OIDC_PROVIDER = "example";
    private static final String OIDC_CLIENT_ID = "flipt-ui-e2e";
    private static final String OIDC_CLIENT_SECRET = "ui-e2e-client-secret";
    private static final Path UI = Path.of("..", "flipt-ui").toAbsolutePath().normalize();
    private static String chromium;

    @TempDir
    static Path folder;

    @BeforeAll
    static void requireBrowser() {
        chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        requireOrSkip(new File(chromium).canExecute(), "no Chromium at " + chromium);
        requireOrSkip(Files.isDirectory(UI.resolve("node_modules/playwright-core")),
                "flipt-ui/node_modules is missing (run the Maven build, which runs npm ci)");
    }

    private static void requireOrSkip(boolean available, String message) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("FLIPT_REQUIRE_BROWSER"))) {
            fail(message + " and FLIPT_REQUIRE_BROWSER=true");
        }
        System.err.println("SKIPPING UI browser tests: " + message);
        assumeTrue(false, message);
    }

    /** A SQLite file in this test's temporary folder (removed with its journal files by JUnit). */
    private static Path temporaryDatabase(String name) {
        return folder.resolve(name + ".db");
    }

    @Test
    void theUiWorksAgainstTheServerJar() throws Exception {
        Path database = temporaryDatabase("main");
        // the main suite's audit page scenario needs the server to keep audit events
        try (ServerJar server = ServerJar.start("ui-main",
                Map.of("FLIPT_DB_URL", "file:" + database, "FLIPT_AUDIT_SINKS_DATABASE_ENABLED", "true"))) {
            runSuite("main", server, Map.of("FLIPT_UI_E2E_BULK", System.getenv().getOrDefault("FLIPT_UI_E2E_BULK", "0")));
        }
    }

    @Test
    void loginAndTokenPagesAgainstRealAuthentication() throws Exception {
        Path database = temporaryDatabase("auth");
        Map<String, String> environment = new HashMap<>();
        environment.put("FLIPT_DB_URL", "file:" + database);
        environment.put("FLIPT_AUTHENTICATION_REQUIRED", "true");
        environment.put("FLIPT_AUTHENTICATION_METHODS_TOKEN_ENABLED", "true");
        environment.put("FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_TOKEN", BOOTSTRAP_TOKEN);
        // an OIDC provider served by the test script's fake identity provider (flipt-ui/e2e/fake-oidc.mjs)
        int httpPort = ServerJar.freePort();
        int identityProviderPort = ServerJar.freePort();
        String provider = "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_" + OIDC_PROVIDER.toUpperCase(Locale.ROOT) + "_";
        environment.put("FLIPT_SERVER_HTTP_PORT", Integer.toString(httpPort));
        environment.put("FLIPT_AUTHENTICATION_METHODS_OIDC_ENABLED", "true");
        environment.put("FLIPT_AUTHENTICATION_SESSION_DOMAIN", "127.0.0.1");
        environment.put(provider + "ISSUER_URL", "http://127.0.0.1:" + identityProviderPort);
        environment.put(provider + "CLIENT_ID", OIDC_CLIENT_ID);
        environment.put(provider + "CLIENT_SECRET", OIDC_CLIENT_SECRET);
        environment.put(provider + "REDIRECT_ADDRESS", "http://127.0.0.1:" + httpPort);
        environment.put(provider + "USE_PKCE", "true");
        environment.put(provider + "SCOPES", "email profile");
        try (ServerJar server = ServerJar.start("ui-auth", environment)) {
            runSuite("auth", server, Map.of(
                    "FLIPT_UI_E2E_BOOTSTRAP_TOKEN", BOOTSTRAP_TOKEN,
                    "FLIPT_UI_E2E_OIDC_PROVIDER", OIDC_PROVIDER,
                    "FLIPT_UI_E2E_OIDC_PORT", Integer.toString(identityProviderPort),
                    "FLIPT_UI_E2E_OIDC_CLIENT_ID", OIDC_CLIENT_ID,
                    "FLIPT_UI_E2E_OIDC_CLIENT_SECRET", OIDC_CLIENT_SECRET));
        }
    }

    @Test
    void readOnlyStorageHidesEditingAndKeepsViewing() throws Exception {
        Path database = temporaryDatabase("readonly");
        try (ServerJar writable = ServerJar.start("ui-readonly-seed", Map.of("FLIPT_DB_URL", "file:" + database))) {
            runSuite("readonly-seed", writable, Map.of());
        }
        try (ServerJar readOnly = ServerJar.start("ui-readonly", Map.of("FLIPT_DB_URL", "file:" + database, "FLIPT_STORAGE_READ_ONLY", "true"))) {
            runSuite("readonly", readOnly, Map.of());
        }
    }

    /** Runs {@code npm run test:e2e} with {@code FLIPT_UI_E2E_SUITE=suite} and asserts it passed. */
    private static void runSuite(String suite, ServerJar server, Map<String, String> environment) throws Exception {
        Path log = Path.of("target", "ui-browser-tests-" + suite + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("npm", "run", "test:e2e").directory(UI.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLIPT_UI_BASE_URL", server.baseUrl());
        builder.environment().put("FLIPT_UI_E2E_SUITE", suite);
        builder.environment().put("CHROMIUM_PATH", chromium);
        builder.environment().put("FLIPT_UI_SCREENSHOTS", Path.of("target", "ui-screenshots", suite).toAbsolutePath().toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("UI browser tests (%s) finished in time; output:%n%s", suite, output).isTrue();
        assertThat(process.exitValue()).as("UI browser tests (%s) exit code; output:%n%s%nserver log: %s", suite, output, server.log())
                .isZero();
        assertThat(output).as("the %s suite ran tests", suite).containsPattern("\\n[1-9][0-9]* passed, 0 failed");
    }
}

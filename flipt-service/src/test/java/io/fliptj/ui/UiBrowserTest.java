package io.fliptj.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptApplication;
import io.fliptj.FliptConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the UI's browser tests ({@code flipt-ui/e2e}, playwright-core driving Debian's headless
 * Chromium) against this server serving the built UI. Without Chromium or npm the test is skipped
 * with a message, unless {@code FLIPT_REQUIRE_BROWSER=true} (as in CI), which fails it instead. The
 * server keeps audit events, for the audit page's scenario.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UiBrowserTest {
    private static final Path DATABASE = temporaryDatabase();
    private static final DropwizardAppExtension<FliptConfiguration> APP = new DropwizardAppExtension<>(
            FliptApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "file:" + DATABASE),
            ConfigOverride.config("audit.sinks.database.enabled", "true"));

    private static Path temporaryDatabase() {
        try {
            return Files.createTempFile("ui", ".db");
        } catch (IOException error) {
            throw new IllegalStateException(error);
        }
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

    @Test
    void theUiWorksInHeadlessChromium() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        requireOrSkip(new File(chromium).canExecute(), "no Chromium at " + chromium);
        Path ui = Path.of("..", "flipt-ui").toAbsolutePath().normalize();
        requireOrSkip(Files.isDirectory(ui.resolve("node_modules/playwright-core")), "flipt-ui/node_modules is missing (run the Maven build, which runs npm ci)");

        Path log = Path.of("target", "ui-browser-tests.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("npm", "run", "test:e2e").directory(ui.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLIPT_UI_BASE_URL", "http://127.0.0.1:" + APP.getLocalPort());
        builder.environment().put("FLIPT_UI_E2E_BULK", System.getenv().getOrDefault("FLIPT_UI_E2E_BULK", "0"));
        builder.environment().put("CHROMIUM_PATH", chromium);
        builder.environment().put("FLIPT_UI_SCREENSHOTS", Path.of("target", "ui-screenshots").toAbsolutePath().toString());
        Process process = builder.start();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("UI browser tests finished in time").isTrue();
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(process.exitValue()).as("UI browser tests exit code; output:%n%s", output).isZero();
    }
}

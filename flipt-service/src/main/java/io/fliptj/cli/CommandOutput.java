package io.fliptj.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import io.fliptj.features.Problem;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Console conventions of the flags-as-code commands: results on standard output, logs and messages on standard error. */
final class CommandOutput {
    private CommandOutput() {
        throw new AssertionError("no instances");
    }

    /** Sends warnings and errors of every logger to standard error, so standard output carries only results. */
    static void logToStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger: %msg%n");
        encoder.start();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("liquibase").setLevel(Level.ERROR);
    }

    static void printProblems(List<Problem> problems) {
        problems.forEach(problem -> System.err.println(problem));
    }

    /** Ends the command with {@code status} after flushing output. */
    static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}

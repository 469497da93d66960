package io.fliptj.telemetry.tracing;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.sql.SQLException;
import java.util.Locale;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A client span per SQL statement run within a traced request (statements of background work
 * without a current span, such as the snapshot poller, are not traced). The span carries the
 * statement text with its placeholders, never the bound values. Delegates to the logger it wraps
 * (Dropwizard's statement timers).
 */
public final class TracingSqlLogger implements SqlLogger {
    private static final String SPAN_ATTRIBUTE = TracingSqlLogger.class.getName() + ".span";

    private final Tracer tracer;
    private final String system;
    private final SqlLogger delegate;

    /**
     * @param system the database, as OpenTelemetry names it ({@code sqlite}, {@code postgresql}, {@code mysql})
     */
    public TracingSqlLogger(Tracer tracer, String system, SqlLogger delegate) {
        this.tracer = requireNonNull(tracer, "tracer is null");
        this.system = requireNonNull(system, "system is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
        delegate.logBeforeExecution(context);
        if (!Span.current().getSpanContext().isValid()) {
            return;
        }
        String sql = context.getRenderedSql();
        Span span = tracer.spanBuilder(operationOf(sql))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", system)
                .setAttribute("db.statement", sql == null ? "" : sql)
                .startSpan();
        context.define(SPAN_ATTRIBUTE, span);
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        delegate.logAfterExecution(context);
        if (context.getAttribute(SPAN_ATTRIBUTE) instanceof Span span) {
            span.end();
            context.define(SPAN_ATTRIBUTE, null);
        }
    }

    @Override
    public void logException(StatementContext context, SQLException error) {
        delegate.logException(context, error);
        if (context.getAttribute(SPAN_ATTRIBUTE) instanceof Span span) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            span.end();
            context.define(SPAN_ATTRIBUTE, null);
        }
    }

    /** The statement's first keyword ({@code SELECT}, {@code INSERT}, …), skipping leading comments. */
    static String operationOf(String sql) {
        if (sql == null) {
            return "SQL";
        }
        String text = sql.strip();
        while (text.startsWith("/*")) {
            int end = text.indexOf("*/");
            if (end < 0) {
                return "SQL";
            }
            text = text.substring(end + 2).strip();
        }
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : text.substring(0, end).toUpperCase(Locale.ROOT);
    }
}

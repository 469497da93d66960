package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin resource sharing as Flipt configures it: allowed origins (exact, {@code *} for
 * all, or one {@code *} wildcard such as {@code https://*.example.com}), allowed request headers
 * ({@code Origin} always), methods GET, POST, PUT, DELETE and OPTIONS, exposed header
 * {@code Link}, credentials allowed, preflight results cached for 300 seconds.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here
 * with 200 and never reaches authentication or the API; the allow headers are only set when the
 * origin, method and every requested header are allowed. Other requests from an allowed origin
 * get {@code Access-Control-Allow-Origin} and go on.
 */
public final class CorsFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS");
    private static final String MAX_AGE_SECONDS = "300";
    private static final String EXPOSED_HEADERS = "Link";

    private record Wildcard(String prefix, String suffix) {
        boolean matches(String origin) {
            return origin.length() >= prefix.length() + suffix.length() && origin.startsWith(prefix) && origin.endsWith(suffix);
        }
    }

    private final boolean allOrigins;
    private final List<String> origins = new ArrayList<>();
    private final List<Wildcard> wildcardOrigins = new ArrayList<>();
    private final boolean allHeaders;
    private final Set<String> headers;

    /**
     * @param allowedOrigins origins as configured; an empty list or one containing {@code *} allows all
     * @param allowedHeaders request headers as configured; {@code *} allows all
     */
    public CorsFilter(List<String> allowedOrigins, List<String> allowedHeaders) {
        requireNonNull(allowedOrigins, "allowedOrigins is null");
        requireNonNull(allowedHeaders, "allowedHeaders is null");
        boolean all = allowedOrigins.isEmpty();
        for (String configured : allowedOrigins) {
            String origin = configured.toLowerCase(Locale.ROOT);
            int star = origin.indexOf('*');
            if (origin.equals("*")) {
                all = true;
            } else if (star >= 0) {
                wildcardOrigins.add(new Wildcard(origin.substring(0, star), origin.substring(star + 1)));
            } else {
                origins.add(origin);
            }
        }
        this.allOrigins = all;
        this.allHeaders = allowedHeaders.contains("*");
        List<String> canonical = new ArrayList<>();
        for (String header : allowedHeaders) {
            canonical.add(header.toLowerCase(Locale.ROOT));
        }
        canonical.add("origin");
        this.headers = Set.copyOf(canonical);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if (request.getMethod().equals("OPTIONS") && requestedMethod != null && !requestedMethod.isEmpty()) {
            answerPreflight(request, response, requestedMethod);
            return;
        }
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isEmpty() && isOriginAllowed(origin) && ALLOWED_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            response.setHeader("Access-Control-Allow-Origin", allOrigins ? "*" : origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        chain.doFilter(request, response);
    }

    private void answerPreflight(HttpServletRequest request, HttpServletResponse response, String requestedMethod) {
        response.addHeader("Vary", "Origin");
        response.addHeader("Vary", "Access-Control-Request-Method");
        response.addHeader("Vary", "Access-Control-Request-Headers");
        response.setStatus(HttpServletResponse.SC_OK);
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isEmpty() || !isOriginAllowed(origin)
                || !ALLOWED_METHODS.contains(requestedMethod.toUpperCase(Locale.ROOT))) {
            return;
        }
        List<String> requestedHeaders = headerList(request.getHeader("Access-Control-Request-Headers"));
        if (!allHeaders && !requestedHeaders.stream().allMatch(header -> headers.contains(header.toLowerCase(Locale.ROOT)))) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", allOrigins ? "*" : origin);
        response.setHeader("Access-Control-Allow-Methods", requestedMethod.toUpperCase(Locale.ROOT));
        if (!requestedHeaders.isEmpty()) {
            response.setHeader("Access-Control-Allow-Headers", String.join(", ", requestedHeaders));
        }
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }

    private boolean isOriginAllowed(String origin) {
        if (allOrigins) {
            return true;
        }
        String lowerCase = origin.toLowerCase(Locale.ROOT);
        return origins.contains(lowerCase) || wildcardOrigins.stream().anyMatch(wildcard -> wildcard.matches(lowerCase));
    }

    /** The requested header names, canonicalised as Go does ({@code x-flipt-namespace} becomes {@code X-Flipt-Namespace}). */
    private static List<String> headerList(String value) {
        List<String> names = new ArrayList<>();
        if (value == null) {
            return names;
        }
        for (String part : value.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                names.add(canonical(part));
            }
        }
        return names;
    }

    private static String canonical(String header) {
        StringBuilder name = new StringBuilder(header.length());
        boolean upper = true;
        for (char character : header.toCharArray()) {
            name.append(upper ? Character.toUpperCase(character) : Character.toLowerCase(character));
            upper = character == '-';
        }
        return name.toString();
    }
}

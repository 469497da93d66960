package io.fliptj.auth.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * CSRF protection as Flipt applies it when {@code authentication.session.csrf.key} is set (Go's
 * {@code http.CrossOriginProtection}): requests other than GET, HEAD and OPTIONS are refused with
 * a plain-text 403 when the browser marks them cross-site ({@code Sec-Fetch-Site} other than
 * {@code same-origin}/{@code none}) or, without that header, when their {@code Origin} is not the
 * request's {@code Host}; origins in {@code trustedOrigins} are always allowed. Requests without
 * either header (non-browser clients) pass. A refused request's body is read and discarded (up to
 * {@value #DRAINED_BODY_BYTES} bytes, like Go's server) so its connection stays usable; a longer
 * body closes the connection.
 */
public final class CrossOriginProtectionFilter implements Filter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String FETCH_SITE_REJECTION = "cross-origin request detected from Sec-Fetch-Site header";
    private static final String ORIGIN_REJECTION =
            "cross-origin request detected, and/or browser is out of date: Sec-Fetch-Site is missing, and Origin does not match Host";

    static final int DRAINED_BODY_BYTES = 256 * 1024;

    private final Set<String> trustedOrigins;

    public CrossOriginProtectionFilter(List<String> trustedOrigins) {
        this.trustedOrigins = Set.copyOf(trustedOrigins);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        String rejection = rejection(request);
        if (rejection == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!drained(request)) {
            response.setHeader("Connection", "close");
        }
        byte[] body = (rejection + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Reads and discards the request body; whether it ended within {@value #DRAINED_BODY_BYTES} bytes. */
    private static boolean drained(HttpServletRequest request) throws IOException {
        InputStream body = request.getInputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            total += read;
            if (total > DRAINED_BODY_BYTES) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code request} is refused, or {@code null} when it may pass. */
    String rejection(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return null;
        }
        String origin = request.getHeader("Origin");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.isEmpty()) {
            if (fetchSite.equals("same-origin") || fetchSite.equals("none") || isTrusted(origin)) {
                return null;
            }
            return FETCH_SITE_REJECTION;
        }
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        String host = request.getHeader("Host");
        if (host != null && host.equals(hostOf(origin))) {
            return null;
        }
        return isTrusted(origin) ? null : ORIGIN_REJECTION;
    }

    private boolean isTrusted(String origin) {
        return origin != null && trustedOrigins.contains(origin);
    }

    private static String hostOf(String origin) {
        try {
            return URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException error) {
            return null;
        }
    }
}

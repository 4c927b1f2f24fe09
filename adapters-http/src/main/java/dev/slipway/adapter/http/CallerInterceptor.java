package dev.slipway.adapter.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a request through only when it says who sends it, and records the {@link Caller} for the handlers. The API takes
 * a bearer token only; the dashboard takes its session cookie or the trusted proxy's header, and its forms must carry
 * the session's CSRF token and come from the same origin; so must a sign-in. Refusals are logged, never with a token. Sign-in, the
 * stylesheet and script, the OpenAPI description and the webhook (which checks its own signature) are open.
 */
final class CallerInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CallerInterceptor.class);

    private final Callers callers;

    CallerInterceptor(Callers callers) {
        this.callers = callers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        // The path the container routed, never the raw URI: /api;x=y/... is the API, and judged as the API.
        String path = Callers.path(request);
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (path.equals("/signin") && !reading && !originMatches(request)) {
            log.warn("refused a sign-in from {}: its Origin {} is not this dashboard", request.getRemoteAddr(), RequestLimits.printable(request.getHeader("Origin")));
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "this sign-in form did not come from this dashboard; open /signin here and try again");
            return false;
        }
        if (isOpen(path)) return true;
        if (path.startsWith("/api/") || path.equals("/api")) {
            // The API takes bearer tokens only: never the dashboard's cookie, never the proxy's user header.
            Optional<Caller> caller = callers.bearer(request);
            if (caller.isEmpty()) {
                return unauthorized(request, response, callers.presentsBearer(request) ? "an unknown bearer token" : "no bearer token");
            }
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            return true;
        }
        Optional<Caller> caller = callers.session(request).or(() -> callers.proxy(request));
        if (caller.isEmpty()) {
            if (reading && !path.startsWith("/events") && !path.startsWith("/fragments/")) {
                String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", "/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                return false;
            }
            return unauthorized(request, response, "no dashboard session");
        }
        if (!reading && !sameOrigin(request, caller.get())) {
            log.warn("refused a dashboard form from {}: wrong Origin or CSRF token", request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "this form did not come from this dashboard; reload the page and try again");
            return false;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return true;
    }

    static boolean isOpen(String path) {
        return path.equals("/signin") || path.startsWith("/assets/") || path.startsWith("/webhooks/") || path.equals("/api/openapi.json")
                || path.equals("/error") || path.equals("/favicon.ico");
    }

    /** A session's form carries its CSRF token; any form's Origin, when the browser sends one, is this host. */
    private boolean sameOrigin(HttpServletRequest request, Caller caller) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null")) {
            if (!originMatches(request)) return false;
        } else if (caller.proof() == Caller.Proof.PROXY) {
            // Without a session there is no CSRF token: the browser's Origin header is the only proof, so it must be there.
            return false;
        }
        if (caller.proof() != Caller.Proof.SESSION) return true;
        String presented = request.getParameter("_csrf");
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), caller.csrf().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * No Origin (not a browser's cross-site form), or an Origin whose host is the Host header, or the X-Forwarded-Host
     * that a trusted proxy set; from any other address X-Forwarded-Host counts for nothing.
     */
    private boolean originMatches(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) return true;
        if (origin.equals("null")) return false;
        try {
            String host = URI.create(origin).getAuthority();
            if (host == null) return false;
            if (host.equalsIgnoreCase(request.getHeader("Host"))) return true;
            return callers.forwardedHost(request).map(host::equalsIgnoreCase).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean unauthorized(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        // Who tried and what was missing; never the token itself.
        log.warn("refused {} {} from {}: {}", request.getMethod(), Callers.path(request), request.getRemoteAddr(), why);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"slipway\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"urn:slipway:problem:unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,"
                + "\"detail\":\"send Authorization: Bearer <token> with a token from slipway.api.tokens, or sign in at /signin\"}");
        return false;
    }
}

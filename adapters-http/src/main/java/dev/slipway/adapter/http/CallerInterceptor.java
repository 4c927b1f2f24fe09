package dev.slipway.adapter.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a request through only when it says who sends it, and records the {@link Caller} for the handlers. The API takes
 * a bearer token (GETs also a dashboard session, for the browser); the dashboard takes its session cookie or the trusted
 * proxy's header, and its forms must carry the session's CSRF token and come from the same origin. Sign-in, the
 * stylesheet and script, the OpenAPI description and the webhook (which checks its own signature) are open.
 */
final class CallerInterceptor implements HandlerInterceptor {

    private final Callers callers;

    CallerInterceptor(Callers callers) {
        this.callers = callers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isOpen(path)) return true;
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (path.startsWith("/api/")) {
            Optional<Caller> caller = callers.presentsBearer(request) ? callers.bearer(request)
                    // A cookie never authorizes a change through the API: forms go through the dashboard's CSRF check.
                    : reading ? callers.session(request).or(() -> callers.proxy(request)) : Optional.empty();
            if (caller.isEmpty()) return unauthorized(response);
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
            return unauthorized(response);
        }
        if (!reading && !sameOrigin(request, caller.get())) {
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
    private static boolean sameOrigin(HttpServletRequest request, Caller caller) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null")) {
            try {
                String host = URI.create(origin).getAuthority();
                // Behind a proxy the Host may be rewritten; a browser cannot forge X-Forwarded-Host on a cross-site form.
                if (host == null || !host.equalsIgnoreCase(request.getHeader("Host")) && !host.equalsIgnoreCase(request.getHeader("X-Forwarded-Host"))) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else if (caller.proof() == Caller.Proof.PROXY) {
            // Without a session there is no CSRF token: the browser's Origin header is the only proof, so it must be there.
            return false;
        }
        if (caller.proof() != Caller.Proof.SESSION) return true;
        String presented = request.getParameter("_csrf");
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), caller.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"slipway\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"urn:slipway:problem:unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,"
                + "\"detail\":\"send Authorization: Bearer <token> with a token from slipway.api.tokens, or sign in at /signin\"}");
        return false;
    }
}

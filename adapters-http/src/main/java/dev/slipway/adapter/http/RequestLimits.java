package dev.slipway.adapter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * What every request to {@code slipway serve} must be before anything reads it: a path without path parameters
 * ({@code ;}) or encoded slashes, and a body no larger than its endpoint takes (the API 64 KiB, Slack 256 KiB, webhooks
 * 25 MiB, the dashboard's forms 64 KiB). The size is checked against {@code Content-Length} first and again while the
 * body is read, before any signature is computed; a body that is too large is answered 413 and never kept whole. A
 * webhook must declare its length (411 otherwise), so that a body is never held for long without a bound known first.
 */
final class RequestLimits extends OncePerRequestFilter {

    static final int API = 64 * 1024;
    static final int SLACK = 256 * 1024;
    static final int WEBHOOKS = 25 * 1024 * 1024;
    static final int FORMS = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);

    /** The most a request to {@code path} may send. */
    static int limit(String path) {
        if (path.startsWith("/webhooks/")) return WEBHOOKS;
        if (path.startsWith("/slack/")) return SLACK;
        if (path.startsWith("/api/") || path.equals("/api")) return API;
        return FORMS;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String raw = request.getRequestURI() == null ? "" : request.getRequestURI();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (raw.indexOf(';') >= 0 || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%3b") || lower.contains("%00")) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "bad-path", "Path not accepted",
                    "path parameters (;) and encoded slashes are not accepted in a URL; send the plain path");
            return;
        }
        String path = Callers.path(request);
        int limit = limit(path);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large", "Request body too large",
                    "the body of %d bytes is over the %s this endpoint takes; nothing was read or run".formatted(declared, size(limit)));
            return;
        }
        boolean bodied = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !"OPTIONS".equals(request.getMethod());
        if (bodied && declared < 0 && limit > FORMS * 16) {
            // A webhook's body is held whole to check its signature: it must say its length first (GitHub always does).
            refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "length-required", "Length required",
                    "send the body with a Content-Length header; nothing was read or run");
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
        if (!bodied || form) {
            // Forms are read by the container (its own post-size limit) or, for Slack, by its servlet with the same limit.
            chain.doFilter(request, response);
            return;
        }
        byte[] body = read(request, limit);
        if (body == null) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large", "Request body too large",
                    "the body is over the %s this endpoint takes; nothing was run".formatted(size(limit)));
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /**
     * The body, or null as soon as it passes {@code limit}. It is read in small pieces and joined only when it fits, so
     * that a refused body leaves only short-lived small arrays behind (a large array would go straight to the old
     * generation and stay there until a full collection).
     */
    private static byte[] read(HttpServletRequest request, int limit) throws IOException {
        java.util.List<byte[]> pieces = new java.util.ArrayList<>();
        int total = 0;
        try (InputStream in = request.getInputStream()) {
            byte[] piece = new byte[16 * 1024];
            for (int n; (n = in.read(piece)) >= 0; ) {
                total += n;
                if (total > limit) return null;
                if (n > 0) {
                    pieces.add(java.util.Arrays.copyOf(piece, n));
                }
            }
        }
        byte[] body = new byte[total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, body, at, piece.length);
            at += piece.length;
        }
        return body;
    }

    private static String size(int bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MiB" : (bytes / 1024) + " KiB";
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        log.warn("refused {} {} from {}: {}", request.getMethod(), printable(request.getRequestURI()), request.getRemoteAddr(), detail);
        response.setStatus(status);
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"urn:slipway:problem:%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(type, title, status, detail.replace("\\", "\\\\").replace("\"", "\\\"")));
    }

    static String printable(String text) {
        if (text == null) return "";
        String shown = dev.slipway.domain.input.FreeText.printable(text);
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }

    /** The request with its body already read (and within its limit). */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

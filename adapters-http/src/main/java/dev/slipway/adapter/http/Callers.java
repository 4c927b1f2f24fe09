package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Clock;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Tells who sent a request: an API token ({@code Authorization: Bearer}), a dashboard session cookie, or the team's
 * proxy header from a trusted address. Sessions are signed cookies, not server state, so that every replica sharing
 * the same tokens accepts them; the key is the value of the token that opened the session, so rotating a token ends
 * its sessions.
 */
final class Callers {

    static final String COOKIE = "slipway_session";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ApiTokens tokens;
    private final DashboardProperties dashboard;
    private final TrustedProxies proxies;
    private final Clock clock;

    Callers(ApiTokens tokens, DashboardProperties dashboard, Clock clock) {
        this.tokens = tokens;
        this.dashboard = dashboard;
        this.proxies = new TrustedProxies(dashboard.trustedProxies());
        this.clock = clock;
    }

    /** The request's path as the servlet container routes it: decoded, normalized, without path parameters or context path. */
    static String path(HttpServletRequest request) {
        String path = (request.getServletPath() == null ? "" : request.getServletPath()) + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    /** The host the browser addressed: X-Forwarded-Host only when a trusted proxy sent the request, the Host header otherwise. */
    Optional<String> forwardedHost(HttpServletRequest request) {
        return proxies.trusts(request.getRemoteAddr()) ? Optional.ofNullable(request.getHeader("X-Forwarded-Host")) : Optional.empty();
    }

    /** Empty when there is no Authorization header; a header with an unknown token is empty too. */
    Optional<Caller> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return tokens.actorOf(header.substring(7)).map(actor -> new Caller(apiActor(actor), Caller.Proof.TOKEN, ""));
    }

    boolean presentsBearer(HttpServletRequest request) {
        return request.getHeader("Authorization") != null;
    }

    /** The dashboard session's caller, when its cookie is well signed and not expired. */
    Optional<Caller> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return Optional.empty();
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                Optional<Caller> caller = verify(cookie.getValue());
                if (caller.isPresent()) return caller;
            }
        }
        return Optional.empty();
    }

    /** The proxy's user, believed only when the request comes straight from a trusted proxy address. */
    Optional<Caller> proxy(HttpServletRequest request) {
        if (dashboard.proxyUserHeader() == null || !proxies.trusts(request.getRemoteAddr())) return Optional.empty();
        String user = request.getHeader(dashboard.proxyUserHeader());
        if (user == null || user.isBlank() || user.length() > 200 || user.chars().anyMatch(Character::isISOControl)) return Optional.empty();
        return Optional.of(new Caller(apiActor(user.strip()), Caller.Proof.PROXY, ""));
    }

    /** Whether the connection reached us over https, directly or through a trusted proxy that says so. */
    boolean secure(HttpServletRequest request) {
        return request.isSecure() || proxies.trusts(request.getRemoteAddr()) && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** A session cookie for the holder of this token, or empty when the token is unknown. */
    Optional<ResponseCookie> signIn(String presentedToken, boolean secure) {
        Optional<String> actor = tokens.actorOf(presentedToken);
        Optional<byte[]> key = tokens.keyOf(presentedToken);
        if (actor.isEmpty() || key.isEmpty()) return Optional.empty();
        long expires = clock.now().plus(dashboard.sessionTimeout()).getEpochSecond();
        String payload = "v1." + B64.encodeToString(actor.get().getBytes(StandardCharsets.UTF_8)) + "." + expires;
        String value = payload + "." + B64.encodeToString(mac(key.get(), "session|" + payload));
        return Optional.of(cookie(value, dashboard.sessionTimeout(), secure));
    }

    ResponseCookie signOut(boolean secure) {
        return cookie("", Duration.ZERO, secure);
    }

    private ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Strict").secure(secure).path("/").maxAge(maxAge).build();
    }

    private Optional<Caller> verify(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.");
        if (parts.length != 4 || !"v1".equals(parts[0])) return Optional.empty();
        String actor;
        long expires;
        byte[] presented;
        try {
            actor = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            expires = Long.parseLong(parts[2]);
            presented = B64D.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!clock.now().isBefore(Instant.ofEpochSecond(expires))) return Optional.empty();
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        for (byte[] key : tokens.keysOf(actor)) {
            if (MessageDigest.isEqual(mac(key, "session|" + payload), presented)) {
                String csrf = B64.encodeToString(mac(key, "csrf|" + payload));
                return Optional.of(new Caller(apiActor(actor), Caller.Proof.SESSION, csrf));
            }
        }
        return Optional.empty();
    }

    static Actor apiActor(String id) {
        return new Actor(id, FrontEnd.API, "", Set.of());
    }

    static byte[] mac(byte[] key, String text) {
        return mac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] mac(byte[] key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}

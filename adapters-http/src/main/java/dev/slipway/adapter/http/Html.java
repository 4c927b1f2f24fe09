package dev.slipway.adapter.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and small pieces of markup for the server-rendered dashboard; every value from outside goes through {@link #text}. */
final class Html {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {}

    static String text(String value) {
        if (value == null) return "";
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    static String time(Instant at) {
        if (at == null) return "";
        return "<time datetime=\"%s\">%s</time>".formatted(at, DATE.format(at));
    }

    /** A status as a coloured label that also says it in words, so colour is never the only signal. */
    static String status(String word) {
        String css = switch (word) {
            case "succeeded" -> "ok";
            case "failed", "rolled_back", "rollback_failed", "interrupted" -> "bad";
            case "running", "rolling_back", "planned" -> "busy";
            case "awaiting_approval" -> "wait";
            default -> "neutral";
        };
        return "<span class=\"status status-%s\">%s</span>".formatted(css, text(word.replace('_', ' ')));
    }
}

package dev.slipway.adapter.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step's state map as one column of text: a flat JSON object of strings, so that anyone reading the table with
 * a SQL client (or PostgreSQL's {@code ::json}) understands it. Hand-written because a JSON library would cost
 * more start-up time than this whole module.
 */
final class StateText {

    private StateText() {
    }

    static String write(Map<String, String> state) {
        StringBuilder text = new StringBuilder(16 + state.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : state.entrySet()) {
            if (!first) text.append(',');
            first = false;
            quote(text, entry.getKey());
            text.append(':');
            quote(text, entry.getValue());
        }
        return text.append('}').toString();
    }

    static Map<String, String> read(String text) {
        Reader reader = new Reader(text);
        Map<String, String> state = new LinkedHashMap<>();
        reader.skipSpace();
        reader.expect('{');
        reader.skipSpace();
        if (reader.peek() == '}') {
            reader.next();
        } else {
            while (true) {
                reader.skipSpace();
                String key = reader.string();
                reader.skipSpace();
                reader.expect(':');
                reader.skipSpace();
                state.put(key, reader.string());
                reader.skipSpace();
                char c = reader.next();
                if (c == '}') break;
                if (c != ',') throw reader.malformed("',' or '}'");
            }
        }
        reader.skipSpace();
        if (!reader.atEnd()) throw reader.malformed("the end");
        return state;
    }

    private static void quote(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (c < 0x20) {
                        text.append("\\u%04x".formatted((int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            if (atEnd()) throw malformed("more");
            return text.charAt(at);
        }

        char next() {
            char c = peek();
            at++;
            return c;
        }

        void expect(char c) {
            if (next() != c) throw malformed("'" + c + "'");
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(at))) at++;
        }

        String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') return value.toString();
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) throw malformed("four hex digits");
                        try {
                            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw malformed("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw malformed("an escape");
                }
            }
        }

        IllegalStateException malformed(String expected) {
            return new IllegalStateException("stored step state is not a JSON object of strings: expected %s at character %d".formatted(expected, at));
        }
    }
}

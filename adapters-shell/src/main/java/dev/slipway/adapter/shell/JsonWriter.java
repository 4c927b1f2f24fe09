package dev.slipway.adapter.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON documents: records as objects in declaration order, maps, collections, strings, numbers, booleans
 * and nulls, indented by two spaces. Hand-written on purpose: a general JSON library costs the headless CLI close to
 * a second of start-up on first use, and these documents need none of its features.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value, 0);
        return out.append('\n').toString();
    }

    /** The value on one line, without indentation: one NDJSON record (the line break is the caller's). */
    static String line(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value, COMPACT);
        return out.toString();
    }

    /** The depth that marks compact output: nothing is indented, nothing is broken over lines. */
    private static final int COMPACT = -1;

    private static void value(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Boolean flag -> out.append(flag);
            case Double number when number.isNaN() || number.isInfinite() -> out.append("null");
            case Number number -> out.append(number);
            case Map<?, ?> map -> object(out, map, depth);
            case Collection<?> list -> array(out, list, depth);
            case Record record -> object(out, fields(record), depth);
            default -> string(out, value.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> fields, int depth) {
        if (fields.isEmpty()) {
            out.append("{}");
            return;
        }
        if (depth == COMPACT) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(out, String.valueOf(field.getKey()));
                out.append(':');
                value(out, field.getValue(), COMPACT);
            }
            out.append('}');
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            string(out, String.valueOf(field.getKey()));
            out.append(": ");
            value(out, field.getValue(), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items, int depth) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        if (depth == COMPACT) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) out.append(',');
                first = false;
                value(out, item, COMPACT);
            }
            out.append(']');
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            value(out, item, depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    /** A record's components by name, in declaration order. */
    static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Method accessor = component.getAccessor();
            try {
                accessor.setAccessible(true);
                fields.put(component.getName(), accessor.invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read %s of %s".formatted(component.getName(), record.getClass().getSimpleName()), e);
            }
        }
        return fields;
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}

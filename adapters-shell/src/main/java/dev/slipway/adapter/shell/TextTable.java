package dev.slipway.adapter.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table, {@code ID | Tag | Name}, with a rule under the header. It fits a width by shortening the
 * widest cells; headless output passes no width, so that scripts always see whole values.
 */
final class TextTable {

    /** No width limit. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private static final String SEPARATOR = " | ";
    private static final int NARROWEST = 6;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) throw new IllegalArgumentException("a row needs %d cells".formatted(header.size()));
        rows.add(Arrays.stream(cells).map(TextTable::oneLine).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(int width) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) widths[c] = Math.max(widths[c], row.get(c).length());
        }
        fit(widths, width);
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) rule.append("-+-");
            rule.append("-".repeat(widths[c]));
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) line(out, row, widths);
        return out.toString();
    }

    private static void fit(int[] widths, int width) {
        if (width == UNLIMITED) return;
        int total = Arrays.stream(widths).sum() + SEPARATOR.length() * (widths.length - 1);
        while (total > width) {
            int widest = 0;
            for (int c = 1; c < widths.length; c++) if (widths[c] > widths[widest]) widest = c;
            if (widths[widest] <= NARROWEST) return;
            widths[widest]--;
            total--;
        }
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) line.append(SEPARATOR);
            String cell = cells.get(c);
            if (cell.length() > widths[c]) cell = cell.substring(0, widths[c] - 3) + "...";
            line.append(cell).append(" ".repeat(widths[c] - cell.length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String oneLine(String cell) {
        return cell == null ? "" : cell.replaceAll("\\s+", " ").strip();
    }
}

package dev.slipway.adapter.http;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import static dev.slipway.adapter.http.Html.text;

/**
 * A small bar chart of one key over the weeks, as inline SVG drawn on the server: no script and nothing fetched. Each bar
 * carries its value written above it and a title, and the chart names itself for screen readers, so it reads without
 * colour; a week without a value is drawn as a dash labelled "none".
 */
final class TrendChart {

    private static final int WIDTH = 260;
    private static final int HEIGHT = 120;
    private static final int TOP = 18;
    private static final int BOTTOM = 20;

    private TrendChart() {}

    /** {@code values} null where the week has none; {@code labels} name the weeks (their first day) under the bars. */
    static String bars(String title, List<String> labels, List<Double> values, DoubleFunction<String> format) {
        double highest = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double scale = highest <= 0 ? 0 : (HEIGHT - TOP - BOTTOM) / highest;
        int slot = values.isEmpty() ? WIDTH : WIDTH / values.size();
        int bar = Math.max(6, slot * 3 / 5);
        StringBuilder described = new StringBuilder(title).append(", week by week:");
        StringBuilder body = new StringBuilder();
        int baseline = HEIGHT - BOTTOM;
        body.append("<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>".formatted(baseline, WIDTH, baseline));
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            int x = i * slot + (slot - bar) / 2;
            String shown = value == null ? "none" : format.apply(value);
            described.append(' ').append(labels.get(i)).append(' ').append(shown).append(i == values.size() - 1 ? "." : ";");
            if (value == null) {
                body.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"none\"/>".formatted(x, baseline - 1, x + bar, baseline - 1));
            } else {
                int h = (int) Math.round(value * scale);
                body.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"><title>%s: %s</title></rect>"
                        .formatted(x, baseline - h, bar, Math.max(h, 1), text(labels.get(i)), text(shown)));
            }
            int middle = x + bar / 2;
            body.append("<text x=\"%d\" y=\"%d\" class=\"value\">%s</text>".formatted(middle, Math.max(11, baseline - (value == null ? 0 : (int) Math.round(value * scale)) - 4),
                    text(shown)));
            body.append("<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>".formatted(middle, HEIGHT - 5, text(labels.get(i))));
        }
        return """
                <figure class="chart"><figcaption>%s</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">%s</svg></figure>"""
                .formatted(text(title), WIDTH, HEIGHT, WIDTH, HEIGHT, text(described.toString()), body);
    }

    static String hours(double seconds) {
        double hours = seconds / 3600;
        return hours >= 10 ? "%.0fh".formatted(hours) : String.format(Locale.ROOT, "%.1fh", hours);
    }

    static String percent(double fraction) {
        return "%d%%".formatted(Math.round(fraction * 100));
    }

    static String count(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}

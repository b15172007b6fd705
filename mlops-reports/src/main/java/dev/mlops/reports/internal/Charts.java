package dev.mlops.reports.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The charts reports draw, as inline SVG: bars (a histogram, top categories, two distributions side
 * by side), lines (curves and metric histories) and heat maps (correlations, confusion matrices).
 * Every mark carries its exact value in {@code data-*} attributes and a {@code <title>} that a
 * browser shows on hover; labels are escaped like any text. Sizes are fixed attributes, so a chart
 * renders the same in a browser, a mail client or a CI artefact viewer.
 *
 * <p>Written here rather than taken from a library: the Java charting libraries draw through AWT
 * into images (JFreeChart, XChart) and write SVG only through extra libraries under GPL or LGPL
 * (JFreeSVG, VectorGraphics2D), while these three chart kinds need a few hundred lines of text.
 */
public final class Charts {

    /** Colours for series, in order; the first two are the reference and current of a drift chart. */
    static final String[] PALETTE = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
        "#8c8c8c"};
    /** The most points a line keeps; a longer one is thinned evenly, its first and last point kept. */
    public static final int MAX_LINE_POINTS = 2_000;

    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 56;

    private Charts() {
    }

    /** Named values, one per category of a bar chart. */
    public record Series(String name, List<Double> values) {
        public Series {
            values = List.copyOf(values);
        }
    }

    /** A named line through points. */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("a line has as many x as y values");
            }
        }
    }

    /**
     * Bars per category, one per series side by side (a histogram when there is one series).
     *
     * @param caption what the chart shows, for screen readers
     * @param labels  the categories, left to right
     * @param series  values per category; NaN draws no bar
     * @param percent whether values are shares shown as percentages
     */
    public static Markup bars(String caption, List<String> labels, List<Series> series, boolean percent) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double top = max <= 0 ? 1 : niceCeiling(max);
        Markup svg = svg(caption, "bars");
        axisY(svg, 0, top, percent);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = labels.isEmpty() ? plotWidth : plotWidth / labels.size();
        double barWidth = Math.max(1, (slot * 0.8) / Math.max(1, series.size()));
        for (int i = 0; i < labels.size(); i++) {
            double slotLeft = LEFT + i * slot + slot * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values().get(i);
                if (!Double.isFinite(value)) {
                    continue;
                }
                double height = Math.max(0, value / top * plotHeight());
                svg.open("rect", "class", "bar s" + s, "x", coordinate(slotLeft + s * barWidth), "y",
                        coordinate(TOP + plotHeight() - height), "width", coordinate(barWidth), "height",
                        coordinate(height), "fill", PALETTE[s % PALETTE.length], "data-series", series.get(s).name(),
                        "data-label", labels.get(i), "data-value", Numbers.exact(value));
                svg.element("title", labels.get(i) + (series.size() > 1 ? " (" + series.get(s).name() + ")" : "")
                        + ": " + (percent ? Numbers.percent(value) : Numbers.display(value)));
                svg.close("rect");
            }
            if (labels.size() <= 30) {
                double x = LEFT + i * slot + slot / 2;
                svg.element("text", shortened(labels.get(i), 14), "class", "tick", "x", coordinate(x), "y",
                        coordinate(TOP + plotHeight() + 14), "text-anchor", "end", "transform", "rotate(-30 "
                        + coordinate(x) + " " + coordinate(TOP + plotHeight() + 14) + ")");
            }
        }
        legend(svg, series.stream().map(Series::name).toList());
        return svg.close("svg");
    }

    /** How a line chart's axes are scaled. */
    public enum Axes {
        /** From the data's smallest to its largest values. */
        FIT,
        /** Horizontally as {@link #FIT}; vertically from 0 (rates, shares, latencies: 0 is their floor). */
        FIT_FROM_ZERO,
        /** 0 to 1 on both axes (precision-recall, where the diagonal means nothing). */
        UNIT,
        /** 0 to 1 on both axes with the diagonal: chance for ROC, perfect calibration. */
        UNIT_WITH_DIAGONAL
    }

    /**
     * Lines over shared axes.
     *
     * @param caption  what the chart shows
     * @param lines    the lines; non-finite points are left out
     * @param xTitle   the horizontal axis's title
     * @param yTitle   the vertical axis's title
     * @param axes     fitted to the data, or 0 to 1 on both (with the diagonal where it means chance or
     *                 perfect calibration)
     */
    public static Markup lines(String caption, List<Line> lines, String xTitle, String yTitle, Axes axes) {
        boolean unitBox = axes == Axes.UNIT || axes == Axes.UNIT_WITH_DIAGONAL;
        double minX = unitBox ? 0 : Double.POSITIVE_INFINITY;
        double maxX = unitBox ? 1 : Double.NEGATIVE_INFINITY;
        double minY = unitBox ? 0 : Double.POSITIVE_INFINITY;
        double maxY = unitBox ? 1 : Double.NEGATIVE_INFINITY;
        if (!unitBox) {
            for (Line line : lines) {
                for (int i = 0; i < line.x().length; i++) {
                    if (Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i])) {
                        minX = Math.min(minX, line.x()[i]);
                        maxX = Math.max(maxX, line.x()[i]);
                        minY = Math.min(minY, line.y()[i]);
                        maxY = Math.max(maxY, line.y()[i]);
                    }
                }
            }
            if (minX > maxX) {
                minX = 0;
                maxX = 1;
                minY = 0;
                maxY = 1;
            }
            if (minX == maxX) {
                minX -= 0.5;
                maxX += 0.5;
            }
            if (axes == Axes.FIT_FROM_ZERO) {
                minY = Math.min(0, minY);
                maxY = maxY > minY ? maxY : minY + 1;
            }
            if (minY == maxY) {
                minY -= Math.abs(minY) * 0.1 + 0.5;
                maxY += Math.abs(maxY) * 0.1 + 0.5;
            }
        }
        Markup svg = svg(caption, "lines");
        axisY(svg, minY, maxY, false);
        axisX(svg, minX, maxX);
        if (axes == Axes.UNIT_WITH_DIAGONAL) {
            svg.empty("line", "class", "diagonal", "x1", coordinate(x(0, 0, 1)), "y1", coordinate(y(0, 0, 1)), "x2",
                    coordinate(x(1, 0, 1)), "y2", coordinate(y(1, 0, 1)), "stroke", "#aaa", "stroke-dasharray", "4 4");
        }
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            StringBuilder points = new StringBuilder();
            int kept = 0;
            int n = line.x().length;
            int stride = Math.max(1, (int) Math.ceil(n / (double) MAX_LINE_POINTS));
            for (int i = 0; i < n; i++) {
                if ((i % stride != 0 && i != n - 1) || !Double.isFinite(line.x()[i]) || !Double.isFinite(line.y()[i])) {
                    continue;
                }
                points.append(coordinate(x(line.x()[i], minX, maxX))).append(',')
                        .append(coordinate(y(line.y()[i], minY, maxY))).append(' ');
                kept++;
            }
            svg.open("polyline", "class", "line s" + l, "points", points.toString().trim(), "fill", "none", "stroke",
                    PALETTE[l % PALETTE.length], "stroke-width", "2", "data-series", line.name(), "data-points",
                    Integer.toString(n), "data-drawn", Integer.toString(kept));
            svg.element("title", line.name());
            svg.close("polyline");
        }
        svg.element("text", xTitle, "class", "axis-title", "x", coordinate(LEFT + plotWidth() / 2), "y",
                coordinate(HEIGHT - 6), "text-anchor", "middle");
        svg.element("text", yTitle, "class", "axis-title", "x", "12", "y", coordinate(TOP + plotHeight() / 2),
                "text-anchor", "middle", "transform", "rotate(-90 12 " + coordinate(TOP + plotHeight() / 2) + ")");
        legend(svg, lines.stream().map(Line::name).toList());
        return svg.close("svg");
    }

    /**
     * A matrix of cells coloured by value, each cell labelled with its value when the matrix is
     * small enough to read.
     *
     * @param caption what the chart shows
     * @param rows    row labels, top to bottom
     * @param columns column labels, left to right
     * @param values  values[row][column]; NaN is drawn grey
     * @param min     the value drawn lightest (or, with a diverging scale, most negative)
     * @param max     the value drawn darkest
     * @param diverging whether values run from -max to max (correlations) rather than min to max
     */
    public static Markup heatMap(String caption, List<String> rows, List<String> columns, double[][] values,
            double min, double max, boolean diverging) {
        int cell = Math.max(14, Math.min(56, 520 / Math.max(1, Math.max(rows.size(), columns.size()))));
        int labelSpace = 120;
        int width = labelSpace + cell * columns.size() + 8;
        int height = labelSpace + cell * rows.size() + 8;
        Markup svg = new Markup().open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart heatmap",
                "width", Integer.toString(width), "height", Integer.toString(height), "viewBox", "0 0 " + width + " "
                + height, "role", "img", "aria-label", caption);
        svg.element("title", caption);
        boolean labelled = rows.size() <= 20 && columns.size() <= 20;
        for (int c = 0; c < columns.size(); c++) {
            double x = labelSpace + c * cell + cell / 2.0;
            svg.element("text", shortened(columns.get(c), 16), "class", "tick", "x", coordinate(x), "y",
                    coordinate(labelSpace - 6), "text-anchor", "start", "transform", "rotate(-45 " + coordinate(x)
                    + " " + coordinate(labelSpace - 6) + ")");
        }
        for (int r = 0; r < rows.size(); r++) {
            svg.element("text", shortened(rows.get(r), 16), "class", "tick", "x", coordinate(labelSpace - 6), "y",
                    coordinate(labelSpace + r * cell + cell / 2.0 + 4), "text-anchor", "end");
            for (int c = 0; c < columns.size(); c++) {
                double value = values[r][c];
                String colour = colour(value, min, max, diverging);
                svg.open("rect", "class", "cell", "x", Integer.toString(labelSpace + c * cell), "y",
                        Integer.toString(labelSpace + r * cell), "width", Integer.toString(cell), "height",
                        Integer.toString(cell), "fill", colour, "data-row", rows.get(r), "data-column", columns.get(c),
                        "data-value", Numbers.exact(value));
                svg.element("title", rows.get(r) + " / " + columns.get(c) + ": " + Numbers.display(value));
                svg.close("rect");
                if (labelled) {
                    // a class, not a fill attribute: the page's CSS for chart text would win over the attribute
                    svg.element("text", Numbers.display(value), "class", dark(value, min, max, diverging)
                            ? "cell-value on-dark" : "cell-value", "x", coordinate(labelSpace + c * cell + cell / 2.0),
                            "y", coordinate(labelSpace + r * cell + cell / 2.0 + 4), "text-anchor", "middle");
                }
            }
        }
        return svg.close("svg");
    }

    // ---- parts ----------------------------------------------------------------------------------

    private static Markup svg(String caption, String kind) {
        Markup svg = new Markup().open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart " + kind, "width",
                Integer.toString(WIDTH), "height", Integer.toString(HEIGHT), "viewBox", "0 0 " + WIDTH + " " + HEIGHT,
                "role", "img", "aria-label", caption);
        svg.element("title", caption);
        return svg;
    }

    private static void axisY(Markup svg, double min, double max, boolean percent) {
        svg.empty("line", "class", "axis", "x1", coordinate(LEFT), "y1", coordinate(TOP), "x2", coordinate(LEFT), "y2",
                coordinate(TOP + plotHeight()), "stroke", "#888");
        for (double tick : ticks(min, max)) {
            double y = y(tick, min, max);
            svg.empty("line", "class", "grid", "x1", coordinate(LEFT), "y1", coordinate(y), "x2",
                    coordinate(WIDTH - RIGHT), "y2", coordinate(y), "stroke", "#eee");
            svg.element("text", percent ? Numbers.percent(tick) : Numbers.display(tick), "class", "tick", "x",
                    coordinate(LEFT - 6), "y", coordinate(y + 4), "text-anchor", "end");
        }
    }

    private static void axisX(Markup svg, double min, double max) {
        svg.empty("line", "class", "axis", "x1", coordinate(LEFT), "y1", coordinate(TOP + plotHeight()), "x2",
                coordinate(WIDTH - RIGHT), "y2", coordinate(TOP + plotHeight()), "stroke", "#888");
        for (double tick : ticks(min, max)) {
            svg.element("text", Numbers.display(tick), "class", "tick", "x", coordinate(x(tick, min, max)), "y",
                    coordinate(TOP + plotHeight() + 16), "text-anchor", "middle");
        }
    }

    private static void legend(Markup svg, List<String> names) {
        if (names.size() < 2) {
            return;
        }
        double x = LEFT + 8;
        for (int i = 0; i < names.size() && i < 8; i++) {
            svg.empty("rect", "class", "legend-key", "x", coordinate(x), "y", coordinate(TOP + 4), "width", "10",
                    "height", "10", "fill", PALETTE[i % PALETTE.length]);
            String name = shortened(names.get(i), 24);
            svg.element("text", name, "class", "legend", "x", coordinate(x + 14), "y", coordinate(TOP + 13));
            x += 24 + name.length() * 7;
        }
    }

    /** Evenly spaced round values from {@code min} to {@code max}, about five of them. */
    static List<Double> ticks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min) || !Double.isFinite(max - min)) {
            ticks.add(min);
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        if (Double.isNaN(step)) {
            ticks.add(min);
            ticks.add(max);
            return ticks;
        }
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9 && ticks.size() < 20; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    /** A round step near {@code rough}; NaN when there is none (a range so small it underflows). */
    private static double niceStep(double rough) {
        if (!(rough >= Double.MIN_NORMAL) || !Double.isFinite(rough)) {
            return Double.NaN;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static double niceCeiling(double value) {
        double step = niceStep(value / 5);
        return Double.isNaN(step) ? value : Math.ceil(value / step) * step;
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static double x(double value, double min, double max) {
        return LEFT + (value - min) / (max - min) * plotWidth();
    }

    private static double y(double value, double min, double max) {
        return TOP + plotHeight() - (value - min) / (max - min) * plotHeight();
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String colour(double value, double min, double max, boolean diverging) {
        if (!Double.isFinite(value)) {
            return "#dddddd";
        }
        if (diverging) {
            double t = Math.max(-1, Math.min(1, value / (max == 0 ? 1 : max)));
            // blue for negative, red for positive, white at zero
            int r = t < 0 ? (int) Math.round(255 + t * (255 - 59)) : 255;
            int g = (int) Math.round(255 - Math.abs(t) * (255 - (t < 0 ? 76 : 59)));
            int b = t > 0 ? (int) Math.round(255 - t * (255 - 48)) : 255;
            return String.format(Locale.ROOT, "#%02x%02x%02x", clamp(r), clamp(g), clamp(b));
        }
        double t = max > min ? (value - min) / (max - min) : 0;
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(247 - t * (247 - 8));
        int g = (int) Math.round(251 - t * (251 - 69));
        int b = (int) Math.round(255 - t * (255 - 148));
        return String.format(Locale.ROOT, "#%02x%02x%02x", clamp(r), clamp(g), clamp(b));
    }

    private static boolean dark(double value, double min, double max, boolean diverging) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (diverging) {
            return Math.abs(value) / (max == 0 ? 1 : max) > 0.6;
        }
        return max > min && (value - min) / (max - min) > 0.55;
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }

    static String shortened(String text, int length) {
        if (text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length - 1)) + "\u2026";
    }
}

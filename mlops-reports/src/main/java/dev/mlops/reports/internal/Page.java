package dev.mlops.reports.internal;

import java.util.List;

/**
 * One self-contained HTML page: a head with inline CSS and a content-security policy that allows no
 * script and no fetch at all (so even a value that somehow became markup could not run or call
 * out), then sections of headings, tables and charts. Everything from data goes through
 * {@link Markup}'s escaping.
 */
public final class Page {

    /**
     * No script, no connection, no frame; inline style and data images only. It travels in a
     * {@code <meta>} element, where browsers ignore {@code frame-ancestors} and log an error for it,
     * so framing is refused in the run browser's header instead.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'";

    private static final int LONG_TEXT = 40;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
            header{background:#1f2d3d;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
            header p{margin:4px 0 0;color:#c8d3de;font-size:13px}
            main{padding:12px 28px 40px;max-width:1200px}
            section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:12px 18px;margin:14px 0}
            h2{font-size:18px;margin:4px 0 10px}h3{font-size:15px;margin:14px 0 6px}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}
            th,td{border-bottom:1px solid #eee;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f3f5f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:8px 0}
            .ok{background:#e7f5ea;color:#1d6b32}.bad{background:#fdeaea;color:#9b1c1c}.warn{background:#fff4e0;color:#8a5300}
            td.ok,td.bad,td.warn{font-weight:600}.diff{background:#fff4c2}.missing{color:#999}
            .chart{display:block;margin:6px 0;max-width:100%;height:auto}
            .chart text{font-size:11px;fill:#444}.chart .axis-title{font-size:12px;fill:#222}
            .chart text.cell-value{fill:#222}.chart text.on-dark{fill:#fff}
            .muted{color:#777;font-size:12px}.columns{display:flex;flex-wrap:wrap;gap:18px}
            .columns>div{flex:1 1 420px;min-width:320px}
            nav a{margin-right:14px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
            header nav{margin-bottom:6px;font-size:13px}header nav a{color:#c8e1ff}
            form.query input[type=text]{width:70%;font-family:monospace;padding:4px}.error{color:#9b1c1c;font-weight:600}
            th a{color:inherit}td a{color:#1f5fa8}
            #run-table td{max-width:16em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
            """;

    /** The run browser's policy: the same, but its own forms (filter, compare) may submit to it. */
    public static final String BROWSER_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'self'";

    /**
     * One table cell: its text, for numbers the exact value and the {@code num} class, and
     * optionally a link ({@code href}) or a check box ({@code checkbox} names its form field, the
     * text is its value).
     */
    public record Cell(String text, String exact, String css, String href, String checkbox) {

        /** A cell of text, exact value and class. */
        public Cell(String text, String exact, String css) {
            this(text, exact, css, null, null);
        }

        /** Text. */
        public static Cell text(String text) {
            return new Cell(text, null, null);
        }

        /** Text linking to {@code href} (a URL this code built). */
        public static Cell link(String text, String href) {
            return new Cell(text, null, null, href, null);
        }

        /** A check box of form field {@code name} with {@code value}. */
        public static Cell checkbox(String name, String value) {
            return new Cell(value, null, null, null, name);
        }

        /** A number, shown rounded, its exact value kept. */
        public static Cell number(double value) {
            return new Cell(Numbers.display(value), Numbers.exact(value), "num");
        }

        /** A count. */
        public static Cell count(long value) {
            return new Cell(Numbers.count(value), Long.toString(value), "num");
        }

        /** A share shown as a percentage, its exact value kept. */
        public static Cell percent(double share) {
            return new Cell(Numbers.percent(share), Numbers.exact(share), "num");
        }

        /** A verdict: good, bad or a warning. */
        public static Cell status(String text, String css) {
            return new Cell(text, null, css);
        }

        /** This cell with another class added (such as {@code diff}). */
        public Cell marked(String extra) {
            return new Cell(text, exact, css == null ? extra : css + " " + extra, href, checkbox);
        }
    }

    private final Markup body = new Markup();
    private final String title;
    private final String subtitle;
    private Markup navigation;
    private String policy = CONTENT_SECURITY_POLICY;

    /** A page titled {@code title}, with a line under it. */
    public Page(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** Opens a section with a heading; close it with {@link #end()}. */
    public Page section(String id, String heading) {
        body.open("section", "id", id).element("h2", heading);
        return this;
    }

    /** Closes the open section. */
    public Page end() {
        body.close("section");
        return this;
    }

    /** A sub-heading. */
    public Page subheading(String text) {
        body.element("h3", text);
        return this;
    }

    /** A paragraph of text. */
    public Page paragraph(String text) {
        body.element("p", text);
        return this;
    }

    /** A muted note. */
    public Page note(String text) {
        body.element("p", text, "class", "muted");
        return this;
    }

    /** A banner saying what the result means, green when {@code good}, red otherwise. */
    public Page verdict(boolean good, String text) {
        body.element("div", text, "class", "verdict " + (good ? "ok" : "bad"), "data-verdict", good ? "ok" : "bad");
        return this;
    }

    /** A table with a header row; {@code id} names it for readers and tests (null for none). */
    public Page table(String id, List<String> header, List<List<Cell>> rows) {
        return tableWithHeader(id, header.stream().map(Cell::text).toList(), rows);
    }

    /** A table of {@code rows}, or when there are none, a note saying {@code none}. */
    public Page tableOrNote(String id, List<String> header, List<List<Cell>> rows, String none) {
        return rows.isEmpty() ? note(none) : table(id, header, rows);
    }

    /** A table whose header cells may link (a sortable table). */
    public Page tableWithHeader(String id, List<Cell> header, List<List<Cell>> rows) {
        body.open("table", "id", id).open("thead").open("tr");
        header.forEach(cell -> cell(cell, "th"));
        body.close("tr").close("thead").open("tbody");
        for (List<Cell> row : rows) {
            body.open("tr");
            row.forEach(cell -> cell(cell, "td"));
            body.close("tr");
        }
        body.close("tbody").close("table");
        return this;
    }

    private void cell(Cell cell, String tag) {
        // a long value is cut short in the runs table (CSS); the title keeps it whole on hover
        String title = cell.text() != null && cell.text().length() > LONG_TEXT ? cell.text() : null;
        body.open(tag, "class", cell.css(), "data-value", cell.exact(), "title", title);
        if (cell.checkbox() != null) {
            body.empty("input", "type", "checkbox", "name", cell.checkbox(), "value", cell.text(), "aria-label",
                    "select " + cell.text());
        } else if (cell.href() != null) {
            body.element("a", cell.text(), "href", cell.href());
        } else {
            body.text(cell.text());
        }
        body.close(tag);
    }

    /** A chart. */
    public Page chart(Markup svg) {
        body.append(svg);
        return this;
    }

    /** Opens a block of side-by-side columns; each {@link #column()} until {@link #endColumns()}. */
    public Page columns() {
        body.open("div", "class", "columns");
        return this;
    }

    /** Opens one column of a block; close with {@link #endColumn()}. */
    public Page column() {
        body.open("div");
        return this;
    }

    /** Closes a column. */
    public Page endColumn() {
        body.close("div");
        return this;
    }

    /** Closes a block of columns. */
    public Page endColumns() {
        body.close("div");
        return this;
    }

    /** Any markup built with escaping (links, lists). */
    public Page markup(Markup markup) {
        body.append(markup);
        return this;
    }

    /** Links shown in the page's header (the run browser's way around). */
    public Page navigation(Markup links) {
        navigation = links;
        return this;
    }

    /** Lets the page's forms submit to the server that served it (the run browser's pages). */
    public Page withForms() {
        policy = BROWSER_POLICY;
        return this;
    }

    /** The whole document. */
    public String html() {
        Markup page = new Markup().doctype().open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "http-equiv", "Content-Security-Policy", "content", policy)
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title).style(CSS).close("head").open("body");
        page.open("header");
        if (navigation != null) {
            page.open("nav").append(navigation).close("nav");
        }
        page.element("h1", title);
        if (subtitle != null && !subtitle.isEmpty()) {
            page.element("p", subtitle);
        }
        page.close("header").open("main").append(body).close("main").close("body").close("html");
        return page.toString();
    }
}

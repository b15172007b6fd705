package dev.mlops.api.tracking;

import dev.mlops.api.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of a {@link RunQuery}'s conditions and order (see {@link RunQuery#parse}): a
 * recursive-descent reader and the writer that produces what it reads.
 */
final class RunQueryText {

    /** Decimal numbers as {@link Double#toString} writes them; no hexadecimal and no 'd' or 'f' suffix. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    private final String text;
    private int at;

    private RunQueryText(String text) {
        this.text = text;
    }

    static RunQuery parse(String text) {
        return new RunQueryText(text).query();
    }

    // ---- writing ----------------------------------------------------------------------------

    static String write(List<RunFilter> filters, RunOrder order) {
        List<String> conditions = new ArrayList<>();
        for (RunFilter filter : filters) {
            if (filter instanceof RunFilter.Metric m) {
                conditions.add("metrics." + name(m.name()) + " " + m.comparison().symbol() + " " + number(m.bound()));
            } else if (filter instanceof RunFilter.Param p) {
                conditions.add("params." + name(p.name()) + " = " + quoted(p.value()));
            } else if (filter instanceof RunFilter.Tag t) {
                conditions.add("tags." + name(t.name()) + " = " + quoted(t.value()));
            } else if (filter instanceof RunFilter.Status s) {
                conditions.add("status in (" + String.join(", ", EnumSet.copyOf(s.statuses()).stream()
                        .map(st -> st.name().toLowerCase(Locale.ROOT)).toList()) + ")");
            } else if (filter instanceof RunFilter.Parent p) {
                conditions.add("parent = " + quoted(p.parentId()));
            } else if (filter instanceof RunFilter.StartedBetween b) {
                if (b.from() != null) {
                    conditions.add("started >= " + quoted(b.from().toString()));
                }
                if (b.until() != null) {
                    conditions.add("started < " + quoted(b.until().toString()));
                }
            }
        }
        String where = String.join(" and ", conditions);
        if (order.equals(RunOrder.newestFirst())) {
            return where;
        }
        String key = switch (order.key()) {
            case METRIC -> "metrics." + name(order.name());
            case PARAM -> "params." + name(order.name());
            case STARTED -> "started";
        };
        return (where.isEmpty() ? "" : where + " ") + "order by " + key + (order.descending() ? " desc" : " asc");
    }

    private static String name(String name) {
        return name.chars().allMatch(RunQueryText::bare) && !name.isEmpty() ? name
                : "`" + name.replace("`", "``") + "`";
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? (value > 0 ? "Infinity" : "-Infinity")
                : Double.toString(value);
    }

    private static boolean bare(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':');
    }

    // ---- reading ----------------------------------------------------------------------------

    private RunQuery query() {
        RunQuery query = RunQuery.all();
        skipSpaces();
        if (atEnd()) {
            return query;
        }
        if (!lookingAtWord("order")) {
            query = condition(query);
            while (lookingAtWord("and")) {
                word("and");
                query = condition(query);
            }
        }
        if (lookingAtWord("order")) {
            word("order");
            word("by");
            RunOrder.Key key;
            String name = null;
            if (lookingAt("metrics.")) {
                at += "metrics.".length();
                key = RunOrder.Key.METRIC;
                name = name();
            } else if (lookingAt("params.")) {
                at += "params.".length();
                key = RunOrder.Key.PARAM;
                name = name();
            } else if (lookingAtWord("started")) {
                word("started");
                key = RunOrder.Key.STARTED;
            } else {
                throw problem("expected metrics.<name>, params.<name> or started after 'order by'");
            }
            boolean descending = key == RunOrder.Key.STARTED;
            if (lookingAtWord("desc")) {
                word("desc");
                descending = true;
            } else if (lookingAtWord("asc")) {
                word("asc");
                descending = false;
            } else if (key != RunOrder.Key.STARTED) {
                descending = true; // a metric or param: the largest first, as "best first" usually means
            }
            query = query.orderBy(new RunOrder(key, name, descending));
        }
        skipSpaces();
        if (!atEnd()) {
            throw problem("expected 'and', 'order by' or the end");
        }
        return query;
    }

    private RunQuery condition(RunQuery query) {
        skipSpaces();
        if (lookingAt("metrics.")) {
            at += "metrics.".length();
            String name = name();
            RunFilter.Comparison comparison = comparison();
            return query.metric(name, comparison, numberLiteral());
        }
        if (lookingAt("params.")) {
            at += "params.".length();
            String name = name();
            equalsSign();
            return query.param(name, string());
        }
        if (lookingAt("tags.")) {
            at += "tags.".length();
            String name = name();
            equalsSign();
            return query.tag(name, string());
        }
        if (lookingAtWord("status")) {
            word("status");
            skipSpaces();
            EnumSet<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
            if (lookingAtWord("in")) {
                word("in");
                symbol("(");
                statuses.add(status());
                while (lookingAt(",")) {
                    symbol(",");
                    statuses.add(status());
                }
                symbol(")");
            } else {
                equalsSign();
                statuses.add(status());
            }
            return query.where(new RunFilter.Status(statuses));
        }
        if (lookingAtWord("parent")) {
            word("parent");
            equalsSign();
            return query.childrenOf(string());
        }
        if (lookingAtWord("started")) {
            word("started");
            skipSpaces();
            if (lookingAt(">=")) {
                at += 2;
                return query.startedBetween(instant(), null);
            }
            if (lookingAt("<") && !lookingAt("<=")) {
                at += 1;
                return query.startedBetween(null, instant());
            }
            throw problem("expected >= or < after 'started'");
        }
        throw problem("expected a condition: metrics.<name> <op> <number>, params.<name> = '<value>', tags.<name> ="
                + " '<value>', status = <status>, status in (...), parent = '<run id>' or started >= '<instant>'");
    }

    private String name() {
        if (atEnd()) {
            throw problem("expected a name");
        }
        if (text.charAt(at) == '`') {
            StringBuilder name = new StringBuilder();
            at++;
            while (true) {
                if (atEnd()) {
                    throw problem("a name opened with ` is not closed");
                }
                char c = text.charAt(at++);
                if (c == '`') {
                    if (!atEnd() && text.charAt(at) == '`') {
                        name.append('`');
                        at++;
                    } else {
                        break;
                    }
                } else {
                    name.append(c);
                }
            }
            if (name.length() == 0) {
                throw problem("a name is not empty");
            }
            return name.toString();
        }
        int start = at;
        while (!atEnd() && bare(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw problem("expected a name (letters, digits, _ - . / :) or a name in backticks");
        }
        return text.substring(start, at);
    }

    private RunFilter.Comparison comparison() {
        skipSpaces();
        for (String symbol : List.of("<=", ">=", "!=", "<", ">", "=")) {
            if (lookingAt(symbol)) {
                at += symbol.length();
                for (RunFilter.Comparison c : RunFilter.Comparison.values()) {
                    if (c.symbol().equals(symbol)) {
                        return c;
                    }
                }
            }
        }
        throw problem("expected a comparison: <, <=, =, !=, >=, >");
    }

    private double numberLiteral() {
        skipSpaces();
        int start = at;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || "+-.".indexOf(text.charAt(at)) >= 0)) {
            at++;
        }
        String literal = text.substring(start, at);
        if (!NUMBER.matcher(literal).matches()) {
            at = start;
            throw problem("expected a number");
        }
        return Double.parseDouble(literal);
    }

    private String string() {
        skipSpaces();
        if (atEnd() || text.charAt(at) != '\'') {
            throw problem("expected a value in single quotes, such as 'xgboost'");
        }
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (atEnd()) {
                throw problem("a value opened with ' is not closed");
            }
            char c = text.charAt(at++);
            if (c == '\'') {
                if (!atEnd() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
    }

    private RunStatus status() {
        skipSpaces();
        int start = at;
        while (!atEnd() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at);
        for (RunStatus status : RunStatus.values()) {
            if (status.name().equalsIgnoreCase(word)) {
                return status;
            }
        }
        at = start;
        throw problem("expected a status: running, finished, failed, killed or abandoned");
    }

    private Instant instant() {
        skipSpaces();
        int start = at;
        String value = string();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            at = start;
            throw problem("expected an instant such as '2026-11-30T12:00:00Z'");
        }
    }

    private void equalsSign() {
        symbol("=");
    }

    private void symbol(String symbol) {
        skipSpaces();
        if (!lookingAt(symbol)) {
            throw problem("expected '" + symbol + "'");
        }
        at += symbol.length();
    }

    private void word(String word) {
        skipSpaces();
        if (!lookingAtWord(word)) {
            throw problem("expected '" + word + "'");
        }
        at += word.length();
    }

    private boolean lookingAtWord(String word) {
        skipSpaces();
        return text.regionMatches(true, at, word, 0, word.length())
                && (at + word.length() == text.length() || !Character.isLetterOrDigit(text.charAt(at + word.length()))
                && text.charAt(at + word.length()) != '.');
    }

    private boolean lookingAt(String prefix) {
        skipSpaces();
        return text.regionMatches(true, at, prefix, 0, prefix.length());
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private InvalidInputException problem(String reason) {
        String near = atEnd() ? "the end" : "'" + text.substring(at, Math.min(text.length(), at + 20)) + "'";
        return new InvalidInputException("run query", List.of(new InvalidInputException.Problem("character " + at,
                reason + " at " + near)));
    }
}

package dev.mlops.reports.internal;

/**
 * HTML or SVG written as text, where every piece of text and every attribute value is escaped on
 * the way in: the only way to add markup is through {@link #open}, {@link #element} and
 * {@link #append(Markup)}, so a value from the user's data can never become a tag, an attribute or
 * a script. Not thread-safe; one per page or chart.
 */
public final class Markup {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * {@code text} made safe as HTML text or a quoted attribute value: {@code & < > " '} become
     * entities, and what is not well-formed text (NUL, other C0 controls but tab and line breaks,
     * lone surrogates, the non-characters U+FFFE and U+FFFF) becomes U+FFFD.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> wellFormed(text, i) ? null : "\uFFFD";
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean wellFormed(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c == 0x7f || c == '\uFFFE' || c == '\uFFFF') {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }

    /**
     * Opens {@code tag} with attributes given as name, value pairs (a null value leaves the
     * attribute out). Tag and attribute names are the code's own, never data.
     */
    public Markup open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** Closes {@code tag}. */
    public Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** A self-closed element (SVG) with attributes. */
    public Markup empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    /** An element holding escaped {@code text}. */
    public Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Escaped text. */
    public Markup text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Another piece of markup built the same way. */
    public Markup append(Markup other) {
        out.append(other.out);
        return this;
    }

    /** The document's first line, which only a page writes. */
    Markup doctype() {
        out.append("<!DOCTYPE html>\n");
        return this;
    }

    /** A style sheet that is this module's own constant text. */
    Markup style(String css) {
        out.append("<style>").append(css).append("</style>");
        return this;
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

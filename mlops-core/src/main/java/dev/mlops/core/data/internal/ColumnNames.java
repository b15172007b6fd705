package dev.mlops.core.data.internal;

import java.util.Locale;

/**
 * Which characters a column name may hold. Names are keys a user types and compares, so characters
 * that are invisible or that change how text is shown are refused rather than kept where no one can
 * see them: control characters (Unicode category Cc: U+0000 to U+001F, DEL U+007F and U+0080 to
 * U+009F), except a tab when the tab is not part of the delimiter; the byte-order mark U+FEFF, which
 * inside a name can only be a second BOM at the start of a file or the BOM of a file joined on; and
 * unpaired surrogates, which are not text. Every other code point is allowed.
 */
public final class ColumnNames {

    private static final char BOM = '\uFEFF';

    private ColumnNames() {
    }

    /** Why {@code name} cannot be a column name, or null when it can. */
    public static String problem(String name, String delimiter) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired surrogate " + codePoint(c) + " at character " + (i + 1)
                        + ", which is not text";
            } else if (c == BOM) {
                return (i == 0 ? "starts with" : "holds at character " + (i + 1)) + " a byte-order mark (U+FEFF), as"
                        + " left by a second BOM at the start of the file or by files joined together with theirs;"
                        + " remove it";
            } else if (Character.getType(c) == Character.CONTROL && (c != '\t' || delimiter.indexOf('\t') >= 0)) {
                return "holds the control character " + codePoint(c) + " (" + Character.getName(c)
                        + ") at character " + (i + 1) + "; a column name must be printable";
            }
        }
        return null;
    }

    /** {@code text} with control characters, BOMs and unpaired surrogates shown as {@code \\u0000}. */
    public static String escaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                escaped.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c == BOM || Character.getType(c) == Character.CONTROL) {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}

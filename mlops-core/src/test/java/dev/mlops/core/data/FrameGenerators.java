package dev.mlops.core.data;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.TimestampColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of frames full of what breaks CSV: quotes, delimiters, line breaks, unicode, NaN.
 * Every frame generated can be written: column names hold no control character or byte-order mark, and
 * numbers are never subnormal (both refused by reader and writer; tested apart).
 */
final class FrameGenerators {

    /** Pieces strings are made of: CSV metacharacters, whitespace, a BOM, accents, CJK, an emoji (a surrogate pair). */
    static final List<String> PIECES = List.of("a", "b", "Z", "0", "7", ".", "-", "+", "e", " ", "\t", ",", ";", "|",
            ":", "\"", "'", "\n", "\r", "\r\n", "#", "?", "NA", "é", "中", "\uFEFF", "😀", "true", "1e5");

    /** The pieces a column name may be made of: no line breaks, tabs or byte-order marks. */
    static final List<String> NAME_PIECES = PIECES.stream()
            .filter(p -> p.chars().noneMatch(c -> c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF')).toList();

    static final List<String> DELIMITERS = List.of(",", ";", "\t", "|", ", ", "::");

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_NORMAL, -Double.MAX_VALUE, 1e15, 1e-7, 0.1, 9007199254740992.0};

    private FrameGenerators() {
    }

    static Gen<Frame> frames() {
        return in -> {
            int columnCount = between(in, 1, 4);
            int rows = between(in, 0, 20);
            Set<String> names = new HashSet<>();
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < columnCount; c++) {
                String name;
                do {
                    name = string(in, NAME_PIECES, 1, 5);
                } while (!names.add(name));
                FieldType type = FieldType.values()[between(in, 0, FieldType.values().length - 1)];
                columns.add(column(in, Field.of(name, type), rows));
            }
            return Frame.of(columns);
        };
    }

    static Gen<String> strings() {
        return in -> string(in, 0, 8);
    }

    static Gen<String> delimiters() {
        return in -> DELIMITERS.get(between(in, 0, DELIMITERS.size() - 1));
    }

    private static Column column(RandomnessSource in, Field field, int rows) {
        switch (field.type()) {
            case NUMERIC -> {
                NumericColumn.Builder b = NumericColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    if (missing(in)) {
                        b.addMissing();
                    } else {
                        b.add(number(in));
                    }
                }
                return b.build();
            }
            case BOOLEAN -> {
                BooleanColumn.Builder b = BooleanColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    if (missing(in)) {
                        b.addMissing();
                    } else {
                        b.add(between(in, 0, 1) == 1);
                    }
                }
                return b.build();
            }
            case TIMESTAMP -> {
                TimestampColumn.Builder b = TimestampColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    if (missing(in)) {
                        b.addMissing();
                    } else {
                        b.addMicros(between(in, 0, 2) == 0 ? in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE))
                                : in.next(Constraint.between(-4_000_000_000_000_000L, 4_000_000_000_000_000L)));
                    }
                }
                return b.build();
            }
            case CATEGORICAL -> {
                CategoricalColumn.Builder b = CategoricalColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    b.add(missing(in) ? null : string(in, 0, 6));
                }
                return b.build();
            }
            default -> {
                TextColumn.Builder b = TextColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    b.add(missing(in) ? null : string(in, 0, 12));
                }
                return b.build();
            }
        }
    }

    private static double number(RandomnessSource in) {
        return switch (between(in, 0, 3)) {
            case 0 -> SPECIAL[between(in, 0, SPECIAL.length - 1)];
            case 1 -> between(in, -100_000, 100_000);
            case 2 -> between(in, -100_000, 100_000) / 64.0;
            default -> {
                double any = Double.longBitsToDouble(in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)));
                yield any != 0 && Math.abs(any) < Double.MIN_NORMAL ? Math.copySign(Double.MIN_NORMAL, any) : any;
            }
        };
    }

    private static boolean missing(RandomnessSource in) {
        return between(in, 0, 5) == 0;
    }

    private static String string(RandomnessSource in, int minPieces, int maxPieces) {
        return string(in, PIECES, minPieces, maxPieces);
    }

    private static String string(RandomnessSource in, List<String> pieces, int minPieces, int maxPieces) {
        int n = between(in, minPieces, maxPieces);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(pieces.get(between(in, 0, pieces.size() - 1)));
        }
        return text.toString();
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }
}

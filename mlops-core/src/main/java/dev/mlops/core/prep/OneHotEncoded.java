package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each categorical column replaced, in place, by one 0/1 numeric column per known category, named
 * {@code column=category} (plus {@code column=<other>} under {@link Unseen#OTHER}). A missing value
 * gives all zeros.
 *
 * @param encodings each column's known categories
 * @param unseen    what happens to categories not seen in training
 * @since 0.1
 */
public record OneHotEncoded(List<Encoding> encodings, Unseen unseen) implements FittedStep {

    /** The suffix of the indicator for unseen categories under {@link Unseen#OTHER}. */
    public static final String OTHER = "<other>";

    public OneHotEncoded {
        encodings = List.copyOf(encodings);
        Objects.requireNonNull(unseen, "unseen policy");
    }

    static OneHotEncoded fit(Frame frame, List<String> named, Unseen unseen) {
        List<Encoding> encodings = PrepColumns.chosen(frame, named, dev.mlops.api.FieldType.CATEGORICAL).stream()
                .map(name -> Encoding.fit(frame, name)).toList();
        OneHotEncoded fitted = new OneHotEncoded(encodings, unseen);
        for (Encoding encoding : encodings) {
            for (String output : fitted.outputs(encoding)) {
                if (frame.schema().contains(output)) {
                    throw new IllegalArgumentException("one-hot column '" + output + "' would replace an existing column");
                }
            }
        }
        return fitted;
    }

    List<String> outputs(Encoding encoding) {
        List<String> names = new ArrayList<>();
        encoding.categories().forEach(c -> names.add(encoding.column() + "=" + c));
        if (unseen == Unseen.OTHER) {
            names.add(encoding.column() + "=" + OTHER);
        }
        return names;
    }

    /** The indicator position for a code, or -1 for none; refuses unseen categories under ERROR. */
    int slot(Encoding encoding, int code, String label, int row) {
        if (code == CategoricalColumn.MISSING) {
            return -1;
        }
        if (code != Encoding.UNSEEN) {
            return code;
        }
        return switch (unseen) {
            case ERROR -> throw PrepColumns.refused(encoding.column(), row, label, "is a category never seen in"
                    + " training; known: " + encoding.categories());
            case IGNORE -> -1;
            case OTHER -> encoding.categories().size();
        };
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if an encoded column is absent or not categorical, or an
     *         indicator's name is already another column's
     * @throws dev.mlops.api.DataException if a category was never seen in training and {@link #unseen()} is
     *         {@link Unseen#ERROR}
     */
    @Override
    public Frame transform(Frame frame) {
        Map<String, Encoding> byColumn = byColumn();
        List<Column> columns = new ArrayList<>();
        for (Column column : frame.columns()) {
            Encoding encoding = byColumn.get(column.name());
            if (encoding == null) {
                columns.add(column);
                continue;
            }
            CategoricalColumn labels = PrepColumns.categorical(frame, column.name());
            List<String> outputs = outputs(encoding);
            // the slot of each dictionary code, worked out once, so rows cost an array read
            int[] slotOfCode = new int[labels.dictionarySize()];
            for (int code = 0; code < slotOfCode.length; code++) {
                slotOfCode[code] = encoding.code(labels.label(code));
            }
            int[] slots = new int[labels.size()];
            for (int row = 0; row < slots.length; row++) {
                int code = labels.code(row);
                int known = code == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : slotOfCode[code];
                slots[row] = slot(encoding, known, code == CategoricalColumn.MISSING ? null : labels.label(code), row);
            }
            // one indicator column at a time: sequential writes into one array
            for (int i = 0; i < outputs.size(); i++) {
                NumericColumn.Builder indicator = NumericColumn.builder(dev.mlops.api.Field.numeric(outputs.get(i)),
                        slots.length);
                for (int slot : slots) {
                    indicator.add(slot == i ? 1 : 0);
                }
                columns.add(indicator.build());
            }
        }
        byColumn.keySet().forEach(frame::column);
        return Frame.of(columns);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if an encoded feature is absent or not a label
     * @throws dev.mlops.api.DataException if a category was never seen in training and {@link #unseen()} is
     *         {@link Unseen#ERROR}
     */
    @Override
    public Features transform(Features row) {
        Map<String, Object> result = new LinkedHashMap<>();
        encodings.forEach(e -> PrepColumns.label(row, e.column()));
        for (String name : row.names()) {
            Encoding encoding = encodingOf(name);
            if (encoding == null) {
                result.put(name, row.get(name));
                continue;
            }
            String label = PrepColumns.label(row, name);
            int slot = slot(encoding, encoding.code(label), label, -1);
            List<String> outputs = outputs(encoding);
            for (int i = 0; i < outputs.size(); i++) {
                result.put(outputs.get(i), i == slot ? 1.0 : 0.0);
            }
        }
        return Features.of(result);
    }

    /** The encoding of {@code column}, or null; a scan, since a chain encodes a handful of columns. */
    private Encoding encodingOf(String column) {
        for (Encoding encoding : encodings) {
            if (encoding.column().equals(column)) {
                return encoding;
            }
        }
        return null;
    }

    private Map<String, Encoding> byColumn() {
        Map<String, Encoding> map = new LinkedHashMap<>();
        encodings.forEach(e -> map.put(e.column(), e));
        return map;
    }
}

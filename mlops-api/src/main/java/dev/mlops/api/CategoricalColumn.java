package dev.mlops.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary-encoded column of labels: one {@code int} code per row, indexing a dictionary of
 * distinct strings in first-seen order; code {@value #MISSING} marks a missing value.
 *
 * <p>A slice keeps the whole dictionary, so it may list labels no row of the slice uses.
 * Equality compares labels, not codes: two columns with the same labels in different dictionary
 * orders are equal.
 *
 * @since 0.1
 */
public final class CategoricalColumn extends BaseColumn implements Column {

    /** The code of a missing value. */
    public static final int MISSING = -1;

    private final int[] codes;
    private final String[] dictionary;
    private volatile Map<String, Integer> codeByLabel;

    CategoricalColumn(Field field, int[] codes, String[] dictionary, int offset, int size) {
        super(field, FieldType.CATEGORICAL, offset, size);
        this.codes = codes;
        this.dictionary = dictionary;
        checkNullability();
    }

    /** A nullable column of the given labels; {@code null} marks a missing value. */
    public static CategoricalColumn of(String name, String... labels) {
        Builder builder = new Builder(Field.categorical(name), labels.length);
        for (String label : labels) {
            builder.add(label);
        }
        return builder.build();
    }

    /**
     * A column from codes and their dictionary; both are copied.
     *
     * @throws IllegalArgumentException if the field is not categorical, the dictionary holds a repeat, a code
     *         is neither {@value #MISSING} nor a position in the dictionary, or the field is required and a
     *         code is {@value #MISSING}
     */
    public static CategoricalColumn ofCodes(Field field, int[] codes, List<String> dictionary) {
        String[] dict = dictionary.toArray(new String[0]);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < dict.length; i++) {
            Objects.requireNonNull(dict[i], () -> "dictionary entry of '" + field.name() + "'");
            if (seen.put(dict[i], seen.size()) != null) {
                throw new IllegalArgumentException("dictionary of '" + field.name() + "' repeats '" + dict[i] + "'");
            }
        }
        int[] copy = codes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < MISSING || copy[i] >= dict.length) {
                throw new IllegalArgumentException("code " + copy[i] + " at row " + i + " of '" + field.name()
                        + "' is outside the dictionary of " + dict.length + " labels");
            }
        }
        return new CategoricalColumn(field, copy, dict, 0, copy.length);
    }

    /** A builder for a nullable categorical column. */
    public static Builder builder(String name) {
        return new Builder(Field.categorical(name), 16);
    }

    /**
     * A builder for a column of the given categorical field, with room for {@code expectedSize} values.
     *
     * @throws IllegalArgumentException if the field is not categorical or {@code expectedSize} is negative
     */
    public static Builder builder(Field field, int expectedSize) {
        return new Builder(field, expectedSize);
    }

    /** The code at {@code row}: an index into {@link #dictionary()}, or {@value #MISSING}. */
    public int code(int row) {
        return codes[index(row)];
    }

    /** The label at {@code row}, or {@code null} when missing. */
    public String value(int row) {
        int code = codes[index(row)];
        return code == MISSING ? null : dictionary[code];
    }

    @Override
    public String get(int row) {
        return value(row);
    }

    @Override
    public boolean isMissing(int row) {
        return codes[index(row)] == MISSING;
    }

    @Override
    int countMissing() {
        int count = 0;
        for (int i = offset; i < offset + size; i++) {
            if (codes[i] == MISSING) {
                count++;
            }
        }
        return count;
    }

    /** The distinct labels codes refer to, in first-seen order; unmodifiable. */
    public List<String> dictionary() {
        return Collections.unmodifiableList(Arrays.asList(dictionary));
    }

    /** The number of labels in the dictionary. */
    public int dictionarySize() {
        return dictionary.length;
    }

    /** The label for {@code code}. */
    public String label(int code) {
        return dictionary[code];
    }

    /** The code of {@code label}, or {@value #MISSING} when the dictionary does not hold it. */
    public int codeOf(String label) {
        Map<String, Integer> index = codeByLabel;
        if (index == null) {
            index = new HashMap<>(dictionary.length * 2);
            for (int i = 0; i < dictionary.length; i++) {
                index.put(dictionary[i], i);
            }
            codeByLabel = index;
        }
        return index.getOrDefault(label, MISSING);
    }

    /** A copy of the codes. */
    public int[] codes() {
        return Arrays.copyOfRange(codes, offset, offset + size);
    }

    @Override
    public CategoricalColumn slice(int from, int to) {
        checkRange(from, to, size);
        return new CategoricalColumn(field, codes, dictionary, offset + from, to - from);
    }

    @Override
    public CategoricalColumn take(int[] rows) {
        int[] taken = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            taken[i] = codes[index(rows[i])];
        }
        return new CategoricalColumn(field, taken, dictionary, 0, taken.length);
    }

    @Override
    public CategoricalColumn withField(Field newField) {
        checkFieldChange(field, newField);
        return new CategoricalColumn(newField, codes, dictionary, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CategoricalColumn other) || !field.equals(other.field) || size != other.size) {
            return false;
        }
        for (int row = 0; row < size; row++) {
            if (!Objects.equals(value(row), other.value(row))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hashCells(this);
    }

    /** Appends labels one at a time, encoding as it goes. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Field field;
        private final Map<String, Integer> codeByLabel = new HashMap<>();
        private String[] dictionary = new String[8];
        private int[] codes;
        private int size;

        private Builder(Field field, int expectedSize) {
            if (field.type() != FieldType.CATEGORICAL) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not categorical");
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
            }
            this.field = field;
            this.codes = new int[Math.max(expectedSize, 8)];
        }

        /** Appends a label; {@code null} appends a missing value. */
        public Builder add(String label) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, codes.length + (codes.length >> 1));
            }
            codes[size++] = label == null ? MISSING : encode(label);
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            return add(null);
        }

        /** The number of values appended so far. */
        public int size() {
            return size;
        }

        /**
         * The column; the builder must not be used afterwards.
         *
         * @throws IllegalArgumentException if the field is required and a missing value was appended
         */
        public CategoricalColumn build() {
            int[] exact = size == codes.length ? codes : Arrays.copyOf(codes, size);
            String[] dict = Arrays.copyOf(dictionary, codeByLabel.size());
            codes = null;
            return new CategoricalColumn(field, exact, dict, 0, size);
        }

        private int encode(String label) {
            Integer code = codeByLabel.get(label);
            if (code != null) {
                return code;
            }
            int next = codeByLabel.size();
            codeByLabel.put(label, next);
            if (next == dictionary.length) {
                dictionary = Arrays.copyOf(dictionary, next * 2);
            }
            dictionary[next] = label;
            return next;
        }
    }
}

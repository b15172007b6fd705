package dev.mlops.core.data.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;

/**
 * A sink for a column whose inference sample held only missing values: it counts missing values
 * until the first real one, lets that value choose the type, then behaves as a sink of that type.
 * A column missing throughout becomes categorical.
 */
final class DeferredSink extends ColumnSink {

    private final CellRules rules;
    private final int expectedSize;
    private ColumnSink delegate;
    private int leadingMissing;
    private boolean pendingMissing;

    DeferredSink(Field field, CellRules rules, int expectedSize) {
        super(field, rules.missing());
        this.rules = rules;
        this.expectedSize = expectedSize;
    }

    @Override
    public FieldType type() {
        return delegate == null ? null : delegate.type();
    }

    @Override
    public String stage(String raw) {
        if (delegate != null) {
            return delegate.stage(raw);
        }
        pendingMissing = missing.isMissing(raw);
        if (pendingMissing) {
            return null;
        }
        TypeGuess guess = new TypeGuess(rules);
        guess.observe(MissingTokens.text(raw));
        ColumnSink chosen = ColumnSink.inferred(Field.of(field.name(), guess.type()), rules, expectedSize);
        for (int i = 0; i < leadingMissing; i++) {
            chosen.commitMissing();
        }
        delegate = chosen;
        return chosen.stage(raw);
    }

    @Override
    public void commit() {
        if (delegate != null) {
            delegate.commit();
        } else if (pendingMissing) {
            leadingMissing++;
        }
    }

    @Override
    public void commitMissing() {
        if (delegate != null) {
            delegate.commitMissing();
        } else {
            leadingMissing++;
        }
    }

    @Override
    public Column build() {
        if (delegate == null) {
            ColumnSink categorical = ColumnSink.of(Field.categorical(field.name()), rules, leadingMissing);
            for (int i = 0; i < leadingMissing; i++) {
                categorical.commitMissing();
            }
            return categorical.build();
        }
        return delegate.build();
    }
}

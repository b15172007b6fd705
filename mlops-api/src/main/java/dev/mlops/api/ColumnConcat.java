package dev.mlops.api;

import java.util.List;

/** Stacks same-typed columns into new arrays, typed per column kind so numbers are never boxed. */
final class ColumnConcat {

    private ColumnConcat() {
    }

    static Column concat(List<Column> parts, int total) {
        Field field = parts.get(0).field().withNullable(parts.stream().anyMatch(c -> c.field().nullable()));
        return switch (field.type()) {
            case NUMERIC -> {
                NumericColumn.Builder builder = NumericColumn.builder(field, total);
                for (Column part : parts) {
                    NumericColumn c = (NumericColumn) part;
                    for (int row = 0; row < c.size(); row++) {
                        if (c.isMissing(row)) {
                            builder.addMissing();
                        } else {
                            builder.add(c.value(row));
                        }
                    }
                }
                yield builder.build();
            }
            case TIMESTAMP -> {
                TimestampColumn.Builder builder = TimestampColumn.builder(field, total);
                for (Column part : parts) {
                    TimestampColumn c = (TimestampColumn) part;
                    for (int row = 0; row < c.size(); row++) {
                        if (c.isMissing(row)) {
                            builder.addMissing();
                        } else {
                            builder.addMicros(c.epochMicros(row));
                        }
                    }
                }
                yield builder.build();
            }
            default -> {
                ColumnAppender appender = new ColumnAppender(field, total);
                for (Column part : parts) {
                    for (int row = 0; row < part.size(); row++) {
                        appender.append(part.get(row));
                    }
                }
                yield appender.build();
            }
        };
    }
}

package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants of the frame operations over arbitrary frames (missing values, NaN, unicode, every type). */
class FramePropertyTest {

    @Test
    void slicesConcatenateBackToTheFrame() {
        qt().withExamples(400).forAll(FrameGenerators.frames(), integers().between(0, 1_000)).checkAssert((frame, k) -> {
            int cut = frame.rowCount() == 0 ? 0 : k % (frame.rowCount() + 1);
            Frame rejoined = Frame.concat(frame.slice(0, cut), frame.slice(cut, frame.rowCount()));
            assertEquals(frame, rejoined);
            assertEquals(frame.fingerprint(), rejoined.fingerprint());
        });
    }

    @Test
    void takingRowsInReverseTwiceGivesTheFrameBack() {
        qt().withExamples(400).forAll(FrameGenerators.frames()).checkAssert(frame -> {
            int n = frame.rowCount();
            int[] reverse = new int[n];
            for (int i = 0; i < n; i++) {
                reverse[i] = n - 1 - i;
            }
            Frame reversed = frame.take(reverse);
            assertEquals(frame, reversed.take(reverse));
            for (int i = 0; i < n; i++) {
                assertEquals(frame.row(i), reversed.row(n - 1 - i));
            }
        });
    }

    @Test
    void selectingColumnsAndPlacingThemSideBySideGivesTheFrameBack() {
        qt().withExamples(300).forAll(FrameGenerators.frames()).checkAssert(frame -> {
            List<String> names = frame.schema().names();
            Frame left = frame.select(names.subList(0, 1));
            Frame right = frame.select(names.subList(1, names.size()));
            assertEquals(frame, right.columnCount() == 0 ? left : left.withColumns(right));
            assertEquals(frame, frame.select(names));
        });
    }

    @Test
    void rowsRebuildAnEqualFrameThroughTheRowBuilderAndMaps() {
        qt().withExamples(300).forAll(FrameGenerators.frames()).checkAssert(frame -> {
            Frame.RowBuilder positional = Frame.builder(frame.schema());
            List<Map<String, ?>> maps = new ArrayList<>();
            for (int row = 0; row < frame.rowCount(); row++) {
                Object[] values = new Object[frame.columnCount()];
                Map<String, Object> map = new HashMap<>();
                for (int c = 0; c < values.length; c++) {
                    Column column = frame.column(c);
                    values[c] = column.get(row);
                    map.put(column.name(), column.get(row));
                }
                positional.add(values);
                maps.add(map);
                Features features = frame.row(row);
                assertEquals(frame.schema().names(), List.copyOf(features.names()));
            }
            assertEquals(frame, positional.build());
            assertEquals(frame, Frame.fromMaps(frame.schema(), maps));
        });
    }
}

package dev.mlops.core.prep;

import dev.mlops.api.Schema;
import java.util.List;

/**
 * One-hot encoding between compiled layouts: columns that are not encoded are copied to their new
 * position; each encoded column's label becomes its block of indicators, found by a binary search of
 * the fitted categories, as the row transform does.
 */
final class OneHotOp implements CompiledChain.Op {

    private final OneHotEncoded step;
    private final int[] copyFrom;
    private final int[] copyTo;
    private final Encoding[] encodings;
    private final int[] labelAt;
    private final int[] firstIndicator;
    private final int[] indicators;

    private OneHotOp(OneHotEncoded step, int[] copyFrom, int[] copyTo, Encoding[] encodings, int[] labelAt,
            int[] firstIndicator, int[] indicators) {
        this.step = step;
        this.copyFrom = copyFrom;
        this.copyTo = copyTo;
        this.encodings = encodings;
        this.labelAt = labelAt;
        this.firstIndicator = firstIndicator;
        this.indicators = indicators;
    }

    static OneHotOp of(OneHotEncoded step, Schema in, Schema out) {
        List<Encoding> encoded = step.encodings();
        List<String> encodedNames = encoded.stream().map(Encoding::column).toList();
        List<String> kept = in.names().stream().filter(name -> !encodedNames.contains(name)).toList();
        int[] copyFrom = kept.stream().mapToInt(in::indexOf).toArray();
        int[] copyTo = kept.stream().mapToInt(out::indexOf).toArray();
        int[] labelAt = new int[encoded.size()];
        int[] first = new int[encoded.size()];
        int[] count = new int[encoded.size()];
        for (int e = 0; e < encoded.size(); e++) {
            List<String> outputs = step.outputs(encoded.get(e));
            labelAt[e] = in.indexOf(encoded.get(e).column());
            first[e] = outputs.isEmpty() ? 0 : out.indexOf(outputs.get(0));
            count[e] = outputs.size();
        }
        return new OneHotOp(step, copyFrom, copyTo, encoded.toArray(Encoding[]::new), labelAt, first, count);
    }

    @Override
    public void run(RowSlots slots) {
        for (int i = 0; i < copyFrom.length; i++) {
            slots.copyAcross(copyFrom[i], copyTo[i]);
        }
        Object[] objects = slots.objects[slots.bank];
        for (int e = 0; e < encodings.length; e++) {
            String label = (String) objects[labelAt[e]];
            int hot = step.slot(encodings[e], encodings[e].code(label), label, -1);
            for (int i = 0; i < indicators[e]; i++) {
                slots.numberAcross(firstIndicator[e] + i, i == hot ? 1.0 : 0.0);
            }
        }
        slots.flip();
    }
}

package dev.mlops.core.bundle.internal;

import dev.mlops.api.Field;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.core.prep.FittedChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a bundle's parts fit together on the model's side: the columns the fitted preparation
 * makes of the signature's inputs must be exactly the columns the model reads, same names, order and
 * types. A bundle where they differ would load and then blame every request for a missing or
 * unknown prepared column.
 */
public final class PreparedInputs {

    private PreparedInputs() {
    }

    /**
     * How {@code modelInputs} differ from what {@code preparation} makes of the signature's inputs,
     * or empty when they agree.
     */
    public static Optional<String> mismatch(Signature signature, FittedChain preparation, Schema modelInputs) {
        Schema prepared;
        try {
            prepared = preparation.outputs(signature.inputs());
        } catch (RuntimeException e) {
            // the preparation comes from the bundle, so any failure is the bundle's fault, reported as such
            return Optional.of("the preparation cannot be applied to the signature's inputs " + signature.inputs()
                    .names() + ": " + e.getMessage());
        }
        List<String> notMade = missing(modelInputs.names(), prepared.names());
        List<String> notRead = missing(prepared.names(), modelInputs.names());
        String prefix = "the model's inputs differ from what the preparation makes of the signature's inputs: ";
        if (!notMade.isEmpty() || !notRead.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!notMade.isEmpty()) {
                problems.add("the model reads " + notMade + ", which the preparation does not make");
            }
            if (!notRead.isEmpty()) {
                problems.add("the preparation makes " + notRead + ", which the model does not read");
            }
            return Optional.of(prefix + String.join("; ", problems));
        }
        for (int i = 0; i < prepared.size(); i++) {
            Field made = prepared.field(i);
            Field read = modelInputs.field(i);
            if (!made.name().equals(read.name())) {
                return Optional.of(prefix + "they are in another order: column " + (i + 1) + " is '" + made.name()
                        + "' after preparation but '" + read.name() + "' for the model");
            }
            if (made.type() != read.type()) {
                return Optional.of(prefix + "'" + made.name() + "' is " + made.type().jsonName()
                        + " after preparation but " + read.type().jsonName() + " for the model");
            }
        }
        return Optional.empty();
    }

    private static List<String> missing(List<String> from, List<String> in) {
        List<String> missing = new ArrayList<>(from);
        missing.removeAll(in);
        return missing;
    }
}

package dev.mlops.samples;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.core.data.CsvResult;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.check.Check;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.Severity;
import dev.mlops.core.check.Suggestions;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.List;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import java.util.Locale;

/**
 * Loads the Adult census data and prints what a user checks first: the inferred schema, the row
 * count, the missing values per column and the dataset fingerprint; then a stratified split and
 * the drift of the official test file against the training file. Later issues grow this sample
 * into the whole lifecycle.
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am compile exec:java} from the repository root.
 */
public final class AdultSample {

    private AdultSample() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        CsvResult train = Datasets.adultTrain();
        long millis = (System.nanoTime() - start) / 1_000_000;
        describe("adult.data", train, millis);

        start = System.nanoTime();
        CsvResult test = Datasets.adultTest();
        millis = (System.nanoTime() - start) / 1_000_000;
        describe("adult.test", test, millis);

        System.out.println("Labels in adult.data: " + train.frame().categorical("Salary").dictionary());
        System.out.println("Labels in adult.test: " + test.frame().categorical("Salary").dictionary()
                + "  <- note the trailing period: map these explicitly before evaluating");

        DataProfile profile = DataProfile.of(train.frame(), "Salary");
        System.out.println();
        System.out.println("Strongest associations with Salary in adult.data (Cramér's V or correlation ratio):");
        profile.targetAssociations().entrySet().stream().limit(5).forEach(e -> System.out.printf(Locale.ROOT,
                "  %-16s %.3f%n", e.getKey(), e.getValue()));
        System.out.printf(Locale.ROOT, "  age: mean %.2f, median %.0f, %d outliers by the IQR rule%n",
                profile.column("age").orElseThrow().numeric().mean(),
                profile.column("age").orElseThrow().numeric().quantile(0.5),
                profile.column("age").orElseThrow().numeric().outliers());

        List<Check> contract = new ArrayList<>(Suggestions.from(profile));
        contract.add(Checks.mean("hours-per-week", 45, 50).withSeverity(Severity.WARNING)); // fails on purpose
        ValidationReport validation = Checks.run(test.frame(), contract);
        System.out.printf(Locale.ROOT, "%nChecks suggested from adult.data's profile, run on adult.test: %d checks, %d"
                + " errors, %d warnings%n", validation.results().size(), validation.errors().size(),
                validation.warnings().size());
        validation.errors().forEach(r -> System.out.println("  " + r));
        validation.warnings().forEach(r -> System.out.println("  " + r));

        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(42).apply(train.frame());
        System.out.printf(Locale.ROOT, "%nStratified 80/20 split of adult.data (seed 42): train %,d rows, test %,d"
                + " rows; '>50K' share %.4f vs %.4f%n", parts.trainRows().length, parts.testRows().length,
                share(parts.train(), ">50K"), share(parts.test(), ">50K"));

        String[] categoricalFeatures = train.frame().columns().stream()
                .filter(c -> c.type() == dev.mlops.api.FieldType.CATEGORICAL && !c.name().equals("Salary"))
                .map(dev.mlops.api.Column::name).toArray(String[]::new);
        Prep.Fitted prepared = Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(),
                Prep.oneHot(Unseen.IGNORE, categoricalFeatures)).fitTransform(parts.train());
        Frame heldOut = prepared.chain().transform(parts.test());
        boolean sameRow = heldOut.row(0).equals(prepared.chain().transform(parts.test().row(0)));
        System.out.printf(Locale.ROOT, "Prepared (impute most frequent, standardize, one-hot features): %d columns become %d;"
                + " frame and single-row paths agree: %s; state as JSON: %,d characters%n",
                parts.train().columnCount(), heldOut.columnCount(), sameRow, prepared.chain().toJson().length());

        System.out.println();
        System.out.println("Drift of adult.test against adult.data (Evidently's default tests):");
        System.out.print(DriftReference.of(train.frame()).compare(test.frame()));
    }

    private static double share(Frame frame, String label) {
        dev.mlops.api.CategoricalColumn column = frame.categorical("Salary");
        int code = column.codeOf(label);
        long count = java.util.Arrays.stream(column.codes()).filter(c -> c == code).count();
        return (double) count / frame.rowCount();
    }

    private static void describe(String name, CsvResult result, long millis) {
        Frame frame = result.frame();
        System.out.printf(Locale.ROOT, "%n== %s: %,d rows x %d columns, read in %d ms%s%n", name, frame.rowCount(),
                frame.columnCount(), millis, result.isClean() ? "" : ", " + result.rejected().size() + " rejected");
        System.out.printf(Locale.ROOT, "%-16s %-12s %9s %9s %9s%n", "column", "type", "missing", "missing%",
                "distinct");
        for (Column column : frame.columns()) {
            Field field = column.field();
            String distinct = column instanceof dev.mlops.api.CategoricalColumn c
                    ? String.valueOf(c.dictionarySize()) : "";
            System.out.printf(Locale.ROOT, "%-16s %-12s %9d %8.2f%% %9s%n", field.name(), field.type().jsonName(),
                    column.missingCount(), 100.0 * column.missingCount() / Math.max(1, frame.rowCount()), distinct);
        }
        System.out.println("fingerprint " + frame.fingerprint());
    }
}

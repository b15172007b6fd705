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
import java.util.Map;
import java.nio.file.Path;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.tracking.Tracking;

/**
 * The Adult data explored and the models compared step by step, without the pipeline (the main
 * sample, {@link AdultSample}, runs the lifecycle as one pipeline). Loads the Adult census data and prints what a user checks first: the inferred schema, the row
 * count, the missing values per column and the dataset fingerprint; then a stratified split and
 * the drift of the official test file against the training file. The whole exploration is a
 * tracked run: both files become dataset versions, and the run records its params, metrics, inputs
 * and the profile in the embedded store ({@code -Dmlops.data=DIR}, default {@code ./mlops-data}).
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am compile exec:java -Dsample.main=dev.mlops.samples.AdultExploration}
 * from the repository root.
 */
public final class AdultExploration {

    /** Tribuo logs every SGD run and forest member at INFO; a sample shows only its own output. Held so the setting sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private AdultExploration() {
    }

    /** The files as read and logged by the exploration run. */
    record Loaded(Frame train, Frame test, DatasetVersion trainVersion, DatasetVersion testVersion) {
    }

    public static void main(String[] args) {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        Path storeRoot = Path.of(System.getProperty("mlops.data", "mlops-data")).toAbsolutePath();
        try (Tracker tracker = Tracking.local(storeRoot)) {
            Loaded loaded;
            try (Run run = tracker.experiment("adult").start("load-and-profile")) {
                loaded = tracked(run, () -> explore(run, tracker));
                printWhere(run, storeRoot);
            }
            try (Run run = tracker.experiment("adult").start("train-and-evaluate")) {
                run.logInput(loaded.trainVersion(), DatasetRole.TRAIN);
                run.logInput(loaded.testVersion(), DatasetRole.TEST);
                tracked(run, () -> AdultTraining.run(tracker, run, loaded.train(), loaded.test(),
                        loaded.trainVersion(), loaded.testVersion()));
                printWhere(run, storeRoot);
            }
        }
    }

    /** Runs {@code work}, recording a failure in the run before rethrowing it. */
    private static <T> T tracked(Run run, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    private static void printWhere(Run run, Path storeRoot) {
        System.out.println();
        System.out.println("Tracked as run " + run.id() + " of experiment 'adult' in " + storeRoot);
        System.out.println("  metadata: " + storeRoot.resolve("runs").resolve(run.id()).resolve("run.json"));
        System.out.println("  datasets: " + storeRoot.resolve("datasets") + " (content-addressed under blobs/)");
    }

    private static Loaded explore(Run run, Tracker tracker) {
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
        DriftReport drift = DriftReference.of(train.frame()).compare(test.frame());
        System.out.print(drift);

        DatasetVersion trainVersion = tracker.datasets().log("adult-data", train.frame());
        DatasetVersion testVersion = tracker.datasets().log("adult-test", test.frame());
        run.logInput(trainVersion, DatasetRole.TRAIN);
        run.logInput(testVersion, DatasetRole.TEST);
        run.logParams(Map.of("split.fraction", "0.8", "split.seed", "42", "split.stratifiedBy", "Salary",
                "prep", "impute(most_frequent),standardize,oneHot(ignore)"));
        run.logMetric("rows.train", train.frame().rowCount());
        run.logMetric("rows.test", test.frame().rowCount());
        run.logMetric("checks.errors", validation.errors().size());
        run.logMetric("checks.warnings", validation.warnings().size());
        run.logMetric("drift.columns", drift.columns().stream().filter(c -> c.drifted()).count());
        run.logMetric("prepared.columns", heldOut.columnCount());
        run.logJson("profile/adult-data.json", profile.toJson());
        run.tag("dataset", "adult");
        System.out.println();
        System.out.println("Dataset versions: " + trainVersion.reference() + " (" + trainVersion.fingerprint()
                .sha256().substring(0, 12) + "...), " + testVersion.reference() + " ("
                + testVersion.fingerprint().sha256().substring(0, 12) + "...); logging equal content again stores nothing");
        return new Loaded(train.frame(), test.frame(), trainVersion, testVersion);
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

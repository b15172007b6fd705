package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelFormats;
import dev.mlops.api.tracking.ArtifactKind;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.data.Csv;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README, compiled against the SDK as built and run, so the README cannot
 * drift from the API. Each block becomes the body of a method; its {@code import} lines go to the
 * top, and the few names a block takes as given (a frame, a run, your own format) are the method's
 * parameters, listed in {@link #GIVEN} so a reader can see them. Files a block names are read from
 * the repository ({@code samples/...}) or written to a scratch directory (everything else). The
 * blocks train on Adult; the third block's training and tuning run on a 2,000-row sample so that
 * the suite stays fast.
 */
class ReadmeSnippetsTest {

    /** Per block, in README order: what the block assumes the reader already has. */
    private static final List<String> GIVEN = List.of(
            "",
            "",
            "Frame frame, double[] loss, ModelBundle bundle",
            "Frame train, Frame test, Run parentRun, ModelFormat myFormat",
            "Features request",
            "Tracker tracker, java.util.List<Features> requests",
            "Frame train, Frame test, ModelBundle model, Tracker tracker, java.util.List<String> runIds",
            "ModelBundle model, Frame test, ModelRegistry registry");

    private static List<Class<?>> blocks;
    private static Frame adult;

    @TempDir
    static Path classes;

    @TempDir
    Path scratch;

    @BeforeAll
    static void compileEveryJavaBlock() throws Exception {
        blocks = MarkdownBlocks.compile(Path.of("../README.md"), GIVEN, "ReadmeBlock", classes);
        adult = Datasets.adultTrain().frame();
    }

    @Test
    void thePipelineBlockRegistersTheChampionAndARunAgainMustBeatIt() throws Exception {
        String printed = run(0);
        assertTrue(printed.startsWith("Pipeline income: REGISTERED - registered as income/1 and named @champion"),
                printed);
        String again = run(0);
        assertTrue(again.startsWith("Pipeline income: REGISTERED - registered as income/2"), again);
        assertTrue(again.contains("champion version 1"), again);
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            assertEquals(2, tracker.registry().version("income@champion").version());
            assertEquals(2, tracker.experiment("adult").runs().size());
        }
    }

    @Test
    void theDataBlockRunsOnAdultAndPrintsWhatItsCommentsSay() throws Exception {
        Files.writeString(scratch.resolve("dirty.csv"), "age,name\n39,ann\nabc\n40,bob\n");
        String printed = run(1);
        assertTrue(printed.lines().anyMatch(line -> line.equals("1836")), printed);
        assertTrue(printed.contains("line 3"), printed);
        Path copy = scratch.resolve("adult-copy.csv.gz");
        assertEquals(adult, Csv.reader().schema(adult.schema()).read(copy).frame());
    }

    @Test
    void theTrackingBlockRegistersApprovesAndLoadsTheChampion() throws Exception {
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(7).apply(adult.head(2_000));
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().seed(1))
                .fit(parts.train(), "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)));
        double[] loss = new double[20];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 1.0 / (i + 1);
        }
        run(2, parts.train(), loss, bundle);
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            ModelVersion champion = tracker.registry().version("income@champion");
            assertEquals(1, champion.version());
            assertEquals(ReviewState.APPROVED, champion.state());
            assertEquals(ArtifactKind.BUNDLE, champion.artifactKind());
            assertEquals(bundle.signature(), champion.signature());
            assertEquals(1, tracker.experiment("adult").runs().size());
        }
    }

    @Test
    void theTrainingBlockTrainsEvaluatesTunesSavesAndLoads() throws Exception {
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(7).apply(adult.head(2_000));
        try (Tracker tracker = Tracking.local(scratch.resolve("runs"), LocalOptions.defaults().workingDirectory(null));
                Run parent = tracker.experiment("tuning").start("search")) {
            run(3, parts.train(), parts.test(), parent, ModelFormats.find("tribuo-protobuf").orElseThrow());
        }
        try (Tracker tracker = Tracking.local(scratch.resolve("runs"), LocalOptions.defaults().workingDirectory(null))) {
            assertEquals(21, tracker.experiment("tuning").runs().size(), "the search and its 20 trials");
        }
        ModelBundle loaded = ModelBundle.load(scratch.resolve("adult.bundle"));
        assertEquals("Salary", loaded.signature().target());
    }

    @Test
    void theServingBlockServesTheChampionAndScoresAdultTest() throws Exception {
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(7).apply(adult.head(2_000));
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().seed(1))
                .fit(parts.train(), "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)));
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("income", dev.mlops.api.tracking.ModelSource.of(bundle.toBytes()));
            tracker.registry().setAlias("income", "champion", 1);
        }
        String printed = run(4, parts.test().drop("Salary").row(0));
        assertTrue(printed.contains("\"serving\":1"), printed);
        long scored = Files.readAllLines(scratch.resolve("adult-scored.csv")).size() - 1;
        long rejected = Files.readAllLines(scratch.resolve("rejected.csv")).size() - 1;
        assertEquals(16_281, scored + rejected, "every row of adult.test scored or set aside");
        assertTrue(scored > 16_000, "scored " + scored);
    }

    @Test
    void theMonitoringBlockReportsTheFirstWindowWithItsDriftAndEstimate() throws Exception {
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(7).apply(adult.head(4_000));
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().seed(1))
                .fit(parts.train(), "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)))
                .withHeldOut(parts.test());
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("income", dev.mlops.api.tracking.ModelSource.of(bundle.toBytes()));
            tracker.registry().setAlias("income", "champion", 1);
            Frame requests = adult.drop("Salary").take(java.util.stream.IntStream.range(10_000, 10_500).toArray());
            String printed = run(5, tracker, java.util.stream.IntStream.range(0, 500).mapToObj(requests::row)
                    .toList());
            assertTrue(printed.contains("window 0 of income@champion income/1 primary: 500 requests"), printed);
            assertTrue(printed.contains("estimated accuracy"), printed);
        }
    }

    @Test
    void theReportsBlockWritesEachReportAndOpensTheBrowser() throws Exception {
        Frame train = adult.head(3_000);
        Frame test = AdultTraining.mapTestLabels(Datasets.adultTest().frame(), train.categorical("Salary").dictionary())
                .head(2_000);
        ModelBundle model = Training.with(Algorithms.tribuo().logisticRegression().seed(1)).fit(train, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)));
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            java.util.List<String> runIds = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (Run run = tracker.experiment("adult").start()) {
                    run.logParam("seed", Integer.toString(i));
                    runIds.add(run.id());
                }
            }
            String printed = run(6, train, test, model, tracker, runIds);
            assertTrue(printed.startsWith("browse http://127.0.0.1:"), printed);
        }
        for (String report : java.util.List.of("profile.html", "drift.html", "evaluation.html", "runs.html")) {
            String html = Files.readString(scratch.resolve(report));
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<svg") || report.equals("runs.html"), report);
            assertTrue(!html.contains("<script"), report);
        }
    }

    @Test
    void theTestSupportBlockHoldsAnAdultModelToAccount() throws Exception {
        Frame train = adult;
        Frame test = AdultTraining.mapTestLabels(Datasets.adultTest().frame(), train.categorical("Salary").dictionary());
        ModelBundle model = Training.with(Algorithms.tribuo().logisticRegression().seed(1)).fit(train, "Salary",
                Prep.chain(Prep.drop("fnlwgt"), Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(),
                        Prep.oneHot(Unseen.IGNORE)));
        try (Tracker tracker = Tracking.local(scratch.resolve("mlops-data"),
                LocalOptions.defaults().workingDirectory(null))) {
            dev.mlops.core.pipeline.ModelRegistrations.register(tracker.registry(), "income", model, null);
            tracker.registry().setAlias("income", "champion", 1);
            run(7, model, test, tracker.registry());
        }
    }

    /** Runs block {@code index} with {@code given}, in the scratch directory; what it printed. */
    private String run(int index, Object... given) throws Exception {
        return MarkdownBlocks.run(blocks.get(index), scratch, given);
    }
}

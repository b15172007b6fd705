// The lifecycle in JShell: data, profile, a pipeline to a registered model, a prediction, the run.
// Open it from the repository root with:  samples/jshell/open
// Each step prints what it made; after the last, every variable (adult, profile, result, predictor,
// tracker) is there to explore: type its name.
// (CI runs every snippet of this file through JShell, so it cannot rot: JShellScriptTest.)

import dev.mlops.api.*;
import dev.mlops.api.tracking.*;
import dev.mlops.core.check.*;
import dev.mlops.core.pipeline.*;
import dev.mlops.core.prep.*;
import dev.mlops.core.profile.*;
import dev.mlops.core.split.*;
import dev.mlops.core.train.*;
import dev.mlops.serving.*;
import dev.mlops.tracking.*;
import java.nio.file.*;

ConsoleProgress.quietBackends();   // the backends' own INFO lines; our progress bar replaces them

var tracker = Tracking.local(Path.of(System.getProperty("mlops.data", "mlops-jshell")));

// 1. The data: 32,561 rows, typed columns, a content fingerprint
var adult = dev.mlops.samples.Datasets.adultTrain().frame();
System.out.println(adult);

// 2. What is in it, column by column, and what goes with the target
var profile = DataProfile.of(adult, "Salary");
System.out.println(profile);

// 3. One pipeline: check, prepare, split, train, evaluate, gate, track, register
var result = Pipeline.from("adult.data", adult).       // in JShell a line that could end a statement does:
        target("Salary").                              // so each line ends with the dot
        validate(Checks.complete("Salary"), Checks.range("age", 17, 90)).
        prepare(Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE))).
        split(Split.holdout(0.8).stratifiedBy("Salary").seed(42)).
        train(Algorithms.tribuo().logisticRegression()).
        gate(Gates.atLeast("accuracy", 0.8)).
        track(tracker, "jshell").
        register(tracker.registry(), "income", "champion").
        listener(ConsoleProgress.toStandardOutput()).
        run();
System.out.println(result);

// 4. The registered model, served
var predictor = Serving.predictor(tracker.registry(), "income@champion");
System.out.println(predictor.predict(adult.drop("Salary").row(0)));

// 5. What the run recorded
System.out.println(tracker.run(result.runId().orElseThrow()));
System.out.println(tracker.registry().version("income@champion"));


package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.reports.Report;
import dev.mlops.reports.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of the Adult story, one self-contained HTML file each under {@code reports/} in the
 * store: the training data's profile, the drift from adult.data to adult.test, the champion's
 * evaluation on adult.test (with its calibration and the fairness gaps by sex and race), and the
 * champion's run beside the challenger's.
 */
final class AdultReports {

    private AdultReports() {
    }

    /** Writes the four reports; returns their files. */
    static List<Path> write(Tracker tracker, Frame train, Frame test, ModelVersion champion, List<String> comparedRuns,
            Path storeRoot) {
        Path directory = storeRoot.resolve("reports");
        ModelBundle model = ModelBundle.fromBytes(tracker.registry().artifact(champion), champion.reference());
        List<Report> reports = List.of(
                Reports.profile("Adult: the training data (adult.data)", DataProfile.of(train, AdultTraining.TARGET)),
                Reports.drift("Adult: adult.test against adult.data", DriftReference.of(train).compare(test), train,
                        test),
                Reports.evaluation("Adult: " + champion.reference() + " on adult.test",
                        Evaluation.classification(model, test), Calibration.of(model, test, 10),
                        List.of(SlicedEvaluation.of(model, test, "sex"), SlicedEvaluation.of(model, test, "race"))),
                Reports.comparison("Adult: the champion's run and the challenger's", tracker, comparedRuns));
        List<String> names = List.of("adult-profile.html", "adult-drift.html", "adult-evaluation.html",
                "adult-runs.html");
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            written.add(reports.get(i).write(directory.resolve(names.get(i))));
        }
        return written;
    }
}

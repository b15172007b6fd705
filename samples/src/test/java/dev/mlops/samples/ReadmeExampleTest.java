package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.check.Check;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.Suggestions;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.data.Csv;
import dev.mlops.core.data.CsvResult;
import dev.mlops.core.data.ErrorMode;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.split.Fold;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "API as it stands" example, compiled and run, so the README cannot rot unnoticed. */
class ReadmeExampleTest {

    record Customer(String id, int age, Double spend) {
    }

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleWorksAsWritten() throws IOException {
        CsvResult adult = Csv.reader()
                .delimiter(", ")
                .missingValues("?")
                .read(Path.of("src/main/resources/datasets/adult/adult.data"));
        Frame frame = adult.frame();
        assertEquals(32_561, frame.rowCount());
        NumericColumn age = frame.numeric("age");
        CategoricalColumn work = frame.categorical("workclass");
        assertEquals(39.0, age.value(0));
        assertEquals(1836, work.missingCount());
        assertTrue(frame.fingerprint().toString().startsWith("sha256:"));

        Path dirty = Files.writeString(dir.resolve("dirty.csv"), "age,name\n39,ann\nabc\n40,bob\n");
        CsvResult lenient = Csv.reader().errorMode(ErrorMode.LENIENT).read(dirty);
        assertEquals(2, lenient.frame().rowCount());
        assertEquals(3, lenient.rejected().get(0).line());

        Frame customers = Frame.fromRecords(Customer.class, List.of(new Customer("c1", 34, 12.5)));
        assertEquals(12.5, customers.numeric("spend").value(0));
        Features request = Features.of("age", 39, "workclass", "State-gov", "capital-gain", null);
        assertTrue(request.isMissing("capital-gain"));

        DataProfile profile = DataProfile.of(frame, "Salary");
        List<Check> contract = new ArrayList<>(Suggestions.from(profile));
        contract.add(Checks.range("age", 17, 90));
        ValidationReport report = Checks.run(frame, contract);
        report.throwIfErrors();

        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(42).apply(frame);
        assertEquals(26_049, parts.train().rowCount());
        List<Fold> folds = Split.kFold(5).stratifiedBy("Salary").seed(42).apply(frame);
        assertEquals(5, folds.size());

        FittedChain prep = Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(),
                Prep.oneHot(Unseen.IGNORE)).fit(parts.train());
        Frame ready = prep.transform(parts.test());
        assertEquals(ready.row(0), prep.transform(parts.test().row(0)));

        DriftReport drift = DriftReference.of(frame).compare(Csv.reader().delimiter(", ").missingValues("?")
                .read(Path.of("src/main/resources/datasets/adult/adult.test")).frame());
        assertEquals(List.of("Salary"), drift.drifted().stream().map(d -> d.column()).toList());

        Path copy = dir.resolve("adult-copy.csv.gz");
        Csv.write(frame, copy);
        assertEquals(frame, Csv.reader().schema(frame.schema()).read(copy).frame());
    }
}

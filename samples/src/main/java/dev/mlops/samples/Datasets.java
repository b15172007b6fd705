package dev.mlops.samples;

import java.util.List;

import dev.mlops.core.data.Csv;
import dev.mlops.core.data.CsvReader;
import dev.mlops.core.data.CsvResult;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The real datasets shipped with the samples (see {@code datasets/README.md} for sources and
 * licences), read from the classpath so the samples run from any directory.
 */
public final class Datasets {

    /** The Adult census files: fields separated by comma and space, {@code ?} for missing values. */
    public static final CsvReader ADULT_FORMAT = Csv.reader().delimiter(", ").missingValues("?");

    private Datasets() {
    }

    /** {@code adult.data}: 32,561 training rows. */
    public static CsvResult adultTrain() {
        return read(ADULT_FORMAT, "datasets/adult/adult.data");
    }

    /** {@code adult.test}: the official 16,281-row test split (labels end with a period). */
    public static CsvResult adultTest() {
        return read(ADULT_FORMAT, "datasets/adult/adult.test");
    }

    /** {@code adult.test} with its labels mapped to {@code adult.data}'s ({@code >50K.} to {@code >50K}). */
    static dev.mlops.api.Frame adultTestWithTrainingLabels() {
        return AdultTraining.mapTestLabels(adultTest().frame(), List.of("<=50K", ">50K"));
    }

    /** Where the samples keep their store: {@code -Dmlops.data=DIR}, by default {@code ./mlops-data}. */
    static java.nio.file.Path storeRoot() {
        return java.nio.file.Path.of(System.getProperty("mlops.data", "mlops-data")).toAbsolutePath();
    }

    /** {@code iris.csv}: 150 rows, four measurements and the species. */
    public static CsvResult iris() {
        return read(Csv.reader(), "datasets/iris/iris.csv");
    }

    private static CsvResult read(CsvReader reader, String resource) {
        InputStream in = Datasets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("classpath resource " + resource));
        }
        return reader.read(in, resource);
    }
}

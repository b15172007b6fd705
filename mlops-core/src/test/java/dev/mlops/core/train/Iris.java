package dev.mlops.core.train;

import dev.mlops.api.Frame;
import dev.mlops.core.data.Csv;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Fisher's iris data from the test resources. */
public final class Iris {

    private Iris() {
    }

    /** 150 rows: four numeric measurements and the categorical {@code species}. */
    public static Frame frame() {
        InputStream in = Iris.class.getClassLoader().getResourceAsStream("datasets/iris.csv");
        if (in == null) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("datasets/iris.csv"));
        }
        return Csv.reader().read(in, "iris.csv").frame();
    }
}

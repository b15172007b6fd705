package dev.mlops.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The baseline: Adult parsed by bare Commons CSV straight into primitive arrays, with the column
 * types known in advance (what the SDK infers): numbers into {@code double[]}, labels into
 * dictionary codes, {@code ?} as missing. No checks beyond what the conversion needs.
 */
final class RawAdultColumns {

    static final boolean[] NUMERIC = {true, false, true, false, true, false, false, false, false, false, true, true,
        true, false, false};

    final double[][] numbers = new double[NUMERIC.length][];
    final int[][] codes = new int[NUMERIC.length][];
    final String[][] dictionaries = new String[NUMERIC.length][];
    int rows;

    static RawAdultColumns parse(Path file) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(", ").get();
        RawAdultColumns raw = new RawAdultColumns();
        int capacity = 1024;
        @SuppressWarnings("unchecked")
        Map<String, Integer>[] dicts = new Map[NUMERIC.length];
        for (int c = 0; c < NUMERIC.length; c++) {
            if (NUMERIC[c]) {
                raw.numbers[c] = new double[capacity];
            } else {
                raw.codes[c] = new int[capacity];
                dicts[c] = new HashMap<>();
            }
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                if (raw.rows == capacity) {
                    capacity += capacity >> 1;
                    for (int c = 0; c < NUMERIC.length; c++) {
                        if (NUMERIC[c]) {
                            raw.numbers[c] = Arrays.copyOf(raw.numbers[c], capacity);
                        } else {
                            raw.codes[c] = Arrays.copyOf(raw.codes[c], capacity);
                        }
                    }
                }
                for (int c = 0; c < NUMERIC.length; c++) {
                    String value = record.get(c);
                    if (NUMERIC[c]) {
                        raw.numbers[c][raw.rows] = value.equals("?") ? Double.NaN : Double.parseDouble(value);
                    } else if (value.equals("?")) {
                        raw.codes[c][raw.rows] = -1;
                    } else {
                        Map<String, Integer> dict = dicts[c];
                        Integer code = dict.get(value);
                        if (code == null) {
                            code = dict.size();
                            dict.put(value, code);
                        }
                        raw.codes[c][raw.rows] = code;
                    }
                }
                raw.rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int c = 0; c < NUMERIC.length; c++) {
            if (NUMERIC[c]) {
                raw.numbers[c] = Arrays.copyOf(raw.numbers[c], raw.rows);
            } else {
                raw.codes[c] = Arrays.copyOf(raw.codes[c], raw.rows);
                String[] labels = new String[dicts[c].size()];
                dicts[c].forEach((label, code) -> labels[code] = label);
                raw.dictionaries[c] = labels;
            }
        }
        return raw;
    }
}

package dev.mlops.core.data;

/**
 * What a reader does with a number that a double cannot hold without changing its value beyond the
 * rounding of its last place: an integer past 2<sup>53</sup> that its nearest double misses
 * ({@code 9007199254740993}), or a non-zero number so close to zero that its double would be 0 or
 * subnormal ({@code 1e-400}, {@code 4.9e-325}). {@link CsvReader} states the rule in full. Numbers
 * beyond the range of a double ({@code 1e999}) are refused under either policy.
 *
 * @since 0.1
 */
public enum InexactNumbers {
    /**
     * Refuse them: in a column read as numeric the value is a bad record; during type inference such
     * a value makes the column categorical, which keeps its text. The default.
     */
    REFUSE,
    /**
     * Read them as their nearest double (0 or a subnormal for underflow) and report each column where
     * this happened in {@link CsvResult#warnings()}, so the rounding is never silent.
     */
    ROUND
}

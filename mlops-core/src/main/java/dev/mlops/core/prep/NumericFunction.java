package dev.mlops.core.prep;

/**
 * A fitted function of one numeric column, applied the same way to frames and rows by
 * {@link PrepColumns#apply}; missing values are never passed to it.
 */
interface NumericFunction {

    /** The column the function applies to. */
    String column();

    /** The transformed value. */
    double apply(double value);
}

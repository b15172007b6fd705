package dev.mlops.core.prep;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;

/**
 * A fitted preparation step: immutable, its state plain data (written as JSON with a {@code "step"}
 * name), applied to a whole frame or to one row with identical results.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Imputed.class, name = "impute"),
    @JsonSubTypes.Type(value = Scaled.class, name = "scale"),
    @JsonSubTypes.Type(value = Clipped.class, name = "clip"),
    @JsonSubTypes.Type(value = Logged.class, name = "log1p"),
    @JsonSubTypes.Type(value = OneHotEncoded.class, name = "one-hot"),
    @JsonSubTypes.Type(value = OrdinalEncoded.class, name = "ordinal"),
    @JsonSubTypes.Type(value = DroppedColumns.class, name = "drop-columns"),
    @JsonSubTypes.Type(value = DroppedDuplicates.class, name = "drop-duplicates"),
    @JsonSubTypes.Type(value = QuantileBinned.class, name = "quantile-bins"),
    @JsonSubTypes.Type(value = Converted.class, name = "convert"),
    @JsonSubTypes.Type(value = Derived.class, name = "derive"),
    @JsonSubTypes.Type(value = RareGrouped.class, name = "group-rare")})
public sealed interface FittedStep
        permits Imputed, Scaled, Clipped, Logged, OneHotEncoded, OrdinalEncoded, DroppedColumns, DroppedDuplicates,
        QuantileBinned, Converted, Derived, RareGrouped {

    /**
     * The step applied to every row of {@code frame}.
     *
     * @throws IllegalArgumentException      if a column the step needs is absent or of another type
     * @throws dev.mlops.api.DataException if a value cannot be transformed (an unseen category under
     *                                       the error policy, a value outside a function's domain)
     */
    Frame transform(Frame frame);

    /**
     * The step applied to one row; gives exactly what {@link #transform(Frame)} gives for that row.
     *
     * @throws IllegalArgumentException      if a feature the step needs is absent or of another kind
     * @throws dev.mlops.api.DataException if a value cannot be transformed (an unseen category under
     *                                       the error policy, a value outside a function's domain)
     */
    Features transform(Features row);
}

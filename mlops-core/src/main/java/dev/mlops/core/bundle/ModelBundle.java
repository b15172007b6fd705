package dev.mlops.core.bundle;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Signature;
import dev.mlops.core.bundle.internal.BundleReader;
import dev.mlops.core.bundle.internal.BundleWriter;
import dev.mlops.core.bundle.internal.PreparedInputs;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.train.PreparedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained model with everything needed to use, trust and monitor it: the {@link Signature}, the
 * fitted preparation chain, the backend model, the training data's {@link DataProfile} and
 * {@link BundleMetadata}. It predicts raw rows: the row is checked against the signature, prepared
 * by the chain, then scored. Immutable and thread-safe.
 *
 * <p>{@link #save} writes one zip file: a JSON manifest holding the format version and the SHA-256
 * of every entry, then the signature, preparation, profile and metadata as JSON, and the model in
 * its backend's format (Tribuo: protobuf; Smile: Java serialization, read back only through an
 * allow-list filter). {@link #load} verifies all of it before any model class is instantiated.
 *
 * @since 0.1
 */
public final class ModelBundle implements Model {

    /**
     * The bundle format this SDK writes: 2 adds the {@link MonitoringBaseline}. Format 1 bundles
     * still load; they have no baseline, so a deployment reports their drift as unavailable.
     */
    public static final int FORMAT = 2;

    private final PreparedModel prepared;
    private final Signature signature;
    private final FittedChain preparation;
    private final FittedModel model;
    private final DataProfile profile;
    private final BundleMetadata metadata;
    private final MonitoringBaseline monitoring;

    private ModelBundle(PreparedModel prepared, DataProfile profile, BundleMetadata metadata,
            MonitoringBaseline monitoring) {
        this.monitoring = monitoring;
        this.prepared = Objects.requireNonNull(prepared, "prepared");
        this.signature = prepared.signature();
        this.preparation = prepared.preparation();
        this.model = prepared.model();
        this.profile = Objects.requireNonNull(profile, "profile");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        PreparedInputs.mismatch(signature, preparation, model.inputs()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (monitoring != null) {
            monitoring.mismatch(signature).ifPresent(problem -> {
                throw new IllegalArgumentException("the monitoring baseline does not fit the model: " + problem);
            });
        }
    }

    /**
     * Assembles a bundle.
     *
     * @throws IllegalArgumentException if the signature and the model disagree on task or labels, or
     *         the preparation does not make exactly the model's inputs of the signature's inputs
     */
    public static ModelBundle of(Signature signature, FittedChain preparation, FittedModel model,
            DataProfile profile, BundleMetadata metadata) {
        return new ModelBundle(PreparedModel.of(signature, preparation, model), profile, metadata, null);
    }

    /**
     * Assembles a bundle with its monitoring baseline (null for none, as in a format 1 bundle).
     *
     * @throws IllegalArgumentException if the signature and the model disagree on task or labels, the
     *         preparation does not make exactly the model's inputs of the signature's inputs, or the
     *         baseline does not fit the signature ({@link MonitoringBaseline#mismatch})
     */
    public static ModelBundle of(Signature signature, FittedChain preparation, FittedModel model,
            DataProfile profile, BundleMetadata metadata, MonitoringBaseline monitoring) {
        return new ModelBundle(PreparedModel.of(signature, preparation, model), profile, metadata, monitoring);
    }

    /**
     * A bundle of a fitted preparation and model, with the training profile and metadata.
     *
     * @throws IllegalArgumentException if the preparation does not make exactly the model's inputs
     *         of the signature's inputs
     */
    public static ModelBundle of(PreparedModel prepared, DataProfile profile, BundleMetadata metadata) {
        return new ModelBundle(prepared, profile, metadata, null);
    }

    /**
     * The bundle of a model just trained on {@code train}: the profile of the training data (with
     * each feature's association to the target, when the target is numeric or categorical) and the
     * metadata (algorithm, hyperparameters, seed, data fingerprint and rows, SDK and backend
     * versions, {@code trainedAt}) and the {@link MonitoringBaseline} of the training inputs.
     *
     * @throws IllegalArgumentException if {@code target} is not a column of {@code train}
     */
    public static ModelBundle trained(PreparedModel prepared, dev.mlops.api.model.Trainer trainer, Frame train,
            String target, java.time.Instant trainedAt) {
        dev.mlops.api.Column targetColumn = train.column(target);
        DataProfile profile = targetColumn.type() == dev.mlops.api.FieldType.NUMERIC
                || targetColumn.type() == dev.mlops.api.FieldType.CATEGORICAL ? DataProfile.of(train, target)
                : DataProfile.of(train);
        BundleMetadata metadata = new BundleMetadata(trainer.algorithm(), trainer.hyperparameters(), trainer.seed(),
                Map.of(), train.fingerprint().sha256(), train.rowCount(), dev.mlops.api.Sdk.version(),
                prepared.model().backendVersions(), trainedAt);
        return new ModelBundle(prepared, profile, metadata, MonitoringBaseline.ofTraining(prepared.signature(), train));
    }

    /**
     * Loads and verifies a bundle file with the default {@link BundleLimits}.
     *
     * @throws BundleException naming the file and what is wrong with it
     */
    public static ModelBundle load(Path file) {
        return load(file, BundleLimits.defaults());
    }

    /**
     * Loads and verifies a bundle file within {@code limits}. The file must be a regular file (a
     * symbolic link to one is followed); a directory, device, FIFO or socket is refused unopened.
     *
     * @throws BundleException naming the file and what is wrong with it
     */
    public static ModelBundle load(Path file, BundleLimits limits) {
        return BundleReader.read(file, limits);
    }

    /**
     * Loads and verifies a bundle held in memory (for example a registry artifact) with the default
     * {@link BundleLimits}.
     *
     * @throws BundleException naming {@code source} and what is wrong with the bytes
     */
    public static ModelBundle fromBytes(byte[] bytes, String source) {
        return fromBytes(bytes, source, BundleLimits.defaults());
    }

    /**
     * Loads and verifies a bundle held in memory within {@code limits}.
     *
     * @throws BundleException naming {@code source} and what is wrong with the bytes
     */
    public static ModelBundle fromBytes(byte[] bytes, String source, BundleLimits limits) {
        return BundleReader.read(bytes, source, limits);
    }

    /**
     * Writes the bundle to {@code file} atomically (a temporary file renamed over it).
     *
     * @throws java.io.UncheckedIOException if the file cannot be written; an existing file is then left as it was
     */
    public void save(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.write(temp, toBytes());
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** The bundle file's bytes; equal bundles give equal bytes. */
    public byte[] toBytes() {
        return BundleWriter.write(this);
    }

    @Override
    public Signature signature() {
        return signature;
    }

    /** The signature as JSON (inputs, categories, target, task, labels), as the bundle stores it. */
    public String signatureJson() {
        return BundleWriter.signatureJson(signature);
    }

    /** The preparation and model as one {@link dev.mlops.api.model.Model}, with its compiled row path. */
    public PreparedModel prepared() {
        return prepared;
    }

    /** The fitted preparation applied before the model. */
    public FittedChain preparation() {
        return preparation;
    }

    /** The backend model, which predicts prepared rows. */
    public FittedModel model() {
        return model;
    }

    /** The training data's profile, the reference for drift monitoring. */
    public DataProfile profile() {
        return profile;
    }

    /** How the model came to be. */
    public BundleMetadata metadata() {
        return metadata;
    }

    /** This bundle with {@code metrics} added to its metadata. */
    public ModelBundle withMetrics(Map<String, Double> metrics) {
        return new ModelBundle(prepared, profile, metadata.withMetrics(metrics), monitoring);
    }

    /**
     * This bundle with what monitoring learns from rows the model was not trained on: its predictions'
     * drift baseline, its calibration and a calibrator of its confidence (see
     * {@link MonitoringBaseline}). Give rows the model has not seen, such as the test split; a
     * pipeline does so with its test rows.
     *
     * @throws IllegalStateException    if the bundle has no baseline of its training inputs (format 1)
     * @throws IllegalArgumentException if {@code heldOut} has no rows, lacks an input or the target, or
     *         the target is missing in a row
     */
    public ModelBundle withHeldOut(Frame heldOut) {
        if (monitoring == null) {
            throw new IllegalStateException("this bundle (format 1) has no baseline of its training inputs");
        }
        if (heldOut.rowCount() == 0) {
            throw new IllegalArgumentException("held-out rows are needed to learn the predictions' baseline; none given");
        }
        return new ModelBundle(prepared, profile, metadata, monitoring.withHeldOut(this, heldOut));
    }

    /**
     * This bundle with {@code baseline} as its monitoring baseline (as {@link #withHeldOut} made it
     * for this model earlier).
     *
     * @throws IllegalArgumentException if the baseline does not fit the signature ({@link MonitoringBaseline#mismatch})
     */
    public ModelBundle withMonitoring(MonitoringBaseline baseline) {
        return new ModelBundle(prepared, profile, metadata, java.util.Objects.requireNonNull(baseline, "baseline"));
    }

    /** The monitoring baseline; empty for a bundle of format 1 or one assembled without it. */
    public java.util.Optional<MonitoringBaseline> monitoring() {
        return java.util.Optional.ofNullable(monitoring);
    }

    @Override
    public Prediction predict(Features row) {
        return prepared.predict(row);
    }

    /**
     * Predicts every row. The frame needs every input column with its type; other columns (such as
     * the target of a test frame) are ignored.
     *
     * @throws InvalidInputException listing every missing or mistyped input column
     */
    @Override
    public List<Prediction> predict(Frame frame) {
        return prepared.predict(frame);
    }

    @Override
    public String toString() {
        return "ModelBundle[" + metadata.algorithm() + ", " + signature.task() + " of '" + signature.target() + "', "
                + signature.inputs().size() + " inputs]";
    }
}

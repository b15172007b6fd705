package dev.mlops.tracking.store;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a run accepts, the same in every store: params set once (a batch all or nothing), keys and
 * values within {@link Limits}, artifact paths made of {@link StoreNames}, changes only while it
 * runs, and how a failure is recorded.
 */
public final class RunRules {

    /** The longest stack trace kept for a failed run. */
    public static final int MAX_ERROR_LENGTH = 64_000;
    /** The longest artifact path. */
    public static final int MAX_ARTIFACT_PATH_LENGTH = 1000;

    private RunRules() {
    }

    /** The name of a run started without one. */
    public static String defaultName(Instant started) {
        return "run-" + started.toString().replace(':', '-');
    }

    /**
     * Checks every key and value of a params batch, before anything is written.
     *
     * @throws InvalidInputException listing every problem
     */
    public static void checkParams(String runId, Map<String, String> params) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        params.forEach((key, value) -> {
            try {
                Limits.key("param key", key);
                Limits.value("param", key, value, Run.MAX_PARAM_VALUE_LENGTH);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("params of run " + runId, problems);
        }
    }

    /**
     * The run's params with {@code params} added, sorted by key; a key already set to another value
     * refuses the whole batch.
     *
     * @throws ConflictException naming the key
     */
    public static Map<String, String> merged(String runId, Map<String, String> existing, Map<String, String> params) {
        Map<String, String> merged = new TreeMap<>(existing);
        for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
            String old = merged.get(param.getKey());
            if (old != null && !old.equals(param.getValue())) {
                throw new ConflictException("param '" + param.getKey() + "' of run " + runId + " is already '"
                        + shorten(old) + "'; params are set once, so '" + shorten(param.getValue())
                        + "' was refused (log it under another key, or as a tag or metric)");
            }
            merged.put(param.getKey(), param.getValue());
        }
        return merged;
    }

    /** Checks a tag of a run or an experiment. */
    public static void checkTag(String key, String value) {
        Limits.key("tag key", key);
        Limits.value("tag", key, value, Run.MAX_TAG_VALUE_LENGTH);
    }

    /**
     * Artifact paths are slash-separated store names: each segment passes {@link StoreNames}.
     *
     * @throws InvalidInputException saying which segment is refused and why
     */
    public static String checkArtifactPath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_ARTIFACT_PATH_LENGTH) {
            throw new InvalidInputException("artifact path", List.of(new InvalidInputException.Problem(
                    "artifact path", "must hold 1 to " + MAX_ARTIFACT_PATH_LENGTH + " characters")));
        }
        for (String segment : path.split("/", -1)) {
            StoreNames.check("artifact path segment", segment);
        }
        return path;
    }

    /**
     * The files logged under artifact {@code path}: the file itself, or every regular file under the
     * directory (sorted), each with its artifact path, checked.
     *
     * @throws IllegalArgumentException if it is neither a file nor a directory
     * @throws StoreException           if the directory cannot be walked
     */
    public static Map<String, Path> artifactFiles(String path, Path fileOrDirectory) {
        checkArtifactPath(path);
        Map<String, Path> files = new LinkedHashMap<>();
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = fileOrDirectory.relativize(file).toString().replace('\\', '/');
                    files.put(checkArtifactPath(path + "/" + relative), file);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new StoreException("cannot read " + fileOrDirectory + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(fileOrDirectory)) {
            files.put(path, fileOrDirectory);
        } else {
            throw new IllegalArgumentException(fileOrDirectory + " is neither a file nor a directory");
        }
        return files;
    }

    /**
     * Refuses a dataset version given as a run's input whose content differs from the store's
     * version of the same name and number.
     *
     * @throws ConflictException when the contents differ
     */
    public static void requireSameContent(DatasetVersion stored, DatasetVersion given) {
        if (!stored.fingerprint().sameContentAs(given.fingerprint())) {
            throw new ConflictException("dataset " + given.reference() + " in this store has other content than the"
                    + " version given; log the frame to this store's datasets first");
        }
    }

    /**
     * Checks that text logged as a JSON artifact is one valid JSON value.
     *
     * @throws InvalidInputException saying why it is not
     */
    public static void checkJson(String path, String json) {
        Limits.text("JSON artifact '" + path + "'", json);
        String problem = StoreJson.problem(json);
        if (problem != null) {
            throw new InvalidInputException("JSON artifact '" + path + "'",
                    List.of(new InvalidInputException.Problem(path, "is not valid JSON: " + problem)));
        }
    }

    /**
     * Checks the status a run is ended with.
     *
     * @throws IllegalArgumentException unless FINISHED, FAILED or KILLED
     */
    public static void checkEnd(RunStatus status) {
        if (status == RunStatus.RUNNING || status == RunStatus.ABANDONED) {
            throw new IllegalArgumentException("a run ends as FINISHED, FAILED or KILLED, not " + status);
        }
    }

    /**
     * Refuses a change to a run that has ended.
     *
     * @throws ConflictException unless {@code status} is RUNNING
     */
    public static void requireRunning(String runId, RunStatus status) {
        if (status != RunStatus.RUNNING) {
            throw new ConflictException("run " + runId + " has ended as " + status + "; it takes no more changes");
        }
    }

    /**
     * Refuses to end a run twice.
     *
     * @throws ConflictException unless {@code status} is RUNNING
     */
    public static void requireNotEnded(String runId, RunStatus status) {
        if (status != RunStatus.RUNNING) {
            throw new ConflictException("run " + runId + " has already ended as " + status);
        }
    }

    /**
     * Refuses to attach to a run that has ended.
     *
     * @throws ConflictException unless {@code status} is RUNNING
     */
    public static void requireAttachable(String runId, RunStatus status) {
        if (status != RunStatus.RUNNING) {
            throw new ConflictException("run " + runId + " has ended as " + status
                    + "; only a running run can be attached to");
        }
    }

    /** A failed run's error: the stack trace, at most {@value #MAX_ERROR_LENGTH} characters, as valid text. */
    public static String errorText(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return Limits.repaired(text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}

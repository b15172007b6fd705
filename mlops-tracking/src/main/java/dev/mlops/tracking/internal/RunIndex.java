package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one experiment's queries need, kept in memory: each run's metadata and metric summaries.
 * It follows the experiment's {@code changes.log}, where every writer, in any process, appends a
 * run's id after changing it; a query reads only the records added since the last one and reloads
 * just those runs (and only the new tail of their metric logs), so a warm query costs one file
 * size check plus the changes.
 *
 * <p>A run whose files cannot be read (edited by hand, damaged) is left out of the experiment's
 * queries with a warning naming the file; it does not take the experiment down with it. Asking for
 * that run by id still fails with the reason.
 */
final class RunIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);

    /**
     * A run as cached: its document, metric summaries up to {@code metricsOffset} of its log, and the
     * {@link RunInfo} built from both once, so queries do not rebuild it (its status is the stored one).
     */
    record CachedRun(RunDocument document, Map<String, MetricSummary> metrics, long metricsOffset, RunInfo info) {
    }

    private final FileStore store;
    private final String experiment;
    private final Path changes;
    private long offset;
    private final Map<String, CachedRun> runs = new LinkedHashMap<>();
    /** Runs left out of queries, with the reason, so the warning is given once per change. */
    private final Map<String, String> unreadable = new HashMap<>();

    RunIndex(FileStore store, String experiment, Path changes) {
        this.store = store;
        this.experiment = experiment;
        this.changes = changes;
    }

    /** Every run of the experiment, current as of this call. */
    synchronized List<CachedRun> runs() {
        catchUp();
        return new ArrayList<>(runs.values());
    }

    /** One run, current as of this call, or null. */
    synchronized CachedRun run(String id) {
        catchUp();
        return runs.get(id);
    }

    private void catchUp() {
        RecordLog.Contents contents = store.readLog(changes, offset);
        if (contents.validLength() < offset) {
            throw new StoreException(changes + " shrank from " + offset + " to " + contents.fileLength()
                    + " bytes while open: it was truncated or replaced by hand");
        }
        Set<String> changed = new LinkedHashSet<>();
        for (byte[] record : contents.records()) {
            changed.add(new String(record, StandardCharsets.US_ASCII));
        }
        changed.addAll(store.owedNotices(experiment)); // changed here, not yet announced in the log
        for (String id : changed) {
            try {
                reload(id);
                unreadable.remove(id);
            } catch (RuntimeException e) { // unreadable, or naming a dataset version that is gone
                runs.remove(id);
                if (!e.getMessage().equals(unreadable.put(id, e.getMessage()))) {
                    LOG.warn("run {} is left out of queries of {}: {}", id, changes.getParent(), e.getMessage());
                }
            }
        }
        offset = contents.validLength();
    }

    private void reload(String id) {
        RunDocument document = store.readRunDocument(id).orElse(null);
        if (document == null) {
            return; // the notice of a run whose creation did not complete
        }
        CachedRun previous = runs.get(id);
        Map<String, MetricSummary> metrics = previous == null ? new HashMap<>() : new HashMap<>(previous.metrics());
        long from = previous == null ? 0 : previous.metricsOffset();
        Path log = store.metricsLog(id);
        RecordLog.Contents contents = store.readLog(log, from);
        for (byte[] record : contents.records()) {
            MetricCodec.decode(record, log.toString(), point -> metrics.merge(point.name(),
                    MetricSummary.of(point.value(), point.step()),
                    (old, one) -> old.plus(point.value(), point.step())));
        }
        Map<String, MetricSummary> summaries = Map.copyOf(metrics);
        runs.put(id, new CachedRun(document, summaries, Math.max(from, contents.validLength()),
                store.build(document, summaries)));
    }
}

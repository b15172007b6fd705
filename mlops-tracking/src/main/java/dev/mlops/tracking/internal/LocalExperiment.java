package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** An experiment of the file store. */
final class LocalExperiment implements Experiment {

    private final FileStore store;
    private final String name;

    LocalExperiment(FileStore store, String name) {
        this.store = store;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExperimentInfo info() {
        ExperimentDocument d = read();
        return new ExperimentInfo(d.name(), d.description(), d.tags(), d.created());
    }

    @Override
    public void describe(String description) {
        Limits.value("experiment description", name, description, Run.MAX_TAG_VALUE_LENGTH);
        update(d -> new ExperimentDocument(d.format(), d.name(), description, d.tags(), d.created()));
    }

    @Override
    public void tag(String key, String value) {
        RunRules.checkTag(key, value);
        update(d -> {
            Map<String, String> tags = new TreeMap<>(d.tags());
            tags.put(key, value);
            return new ExperimentDocument(d.format(), d.name(), d.description(), tags, d.created());
        });
    }

    @Override
    public Run start() {
        return start(RunRules.defaultName(store.options().clock().instant()));
    }

    @Override
    public Run start(String runName) {
        Limits.key("run name", runName);
        return store.createRun(name, runName, null);
    }

    @Override
    public RunPage search(RunQuery query) {
        return store.search(name, query);
    }

    @Override
    public List<RunInfo> runs() {
        return store.search(name, RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs();
    }

    private Path file() {
        return store.experimentDirectory(name).resolve("experiment.json");
    }

    private ExperimentDocument read() {
        return store.readJson(file(), ExperimentDocument.class)
                .orElseThrow(() -> new StoreException(file() + " is missing: the experiment was deleted by hand"));
    }

    private void update(UnaryOperator<ExperimentDocument> change) {
        store.withLock(store.experimentDirectory(name).resolve("experiment.lock"), () -> {
            store.writeJson(file(), change.apply(read()));
            return null;
        });
    }
}

package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.model.Trainer;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.pipeline.Evaluator;
import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;
import dev.mlops.api.pipeline.Splitter;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.Check;
import dev.mlops.core.check.Severity;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Step;
import dev.mlops.core.tune.Tuning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's configuration as JSON, recorded with its run ({@value #ARTIFACT}), and the pipeline
 * built again from it. Every part is recorded by its {@link Recipe} when it is {@link Reproducible}
 * and by its description otherwise; building again refuses, naming each such part, since code
 * cannot be rebuilt from a description.
 */
final class PipelineRecord {

    /** Where a tracked run keeps its pipeline's record. */
    static final String ARTIFACT = "pipeline.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineRecord() {
    }

    static String toJson(Pipeline p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("name", p.name);
        root.put("target", p.target);
        root.put("source", p.source.name());
        root.put("test", p.testSource == null ? null : p.testSource.name());
        List<Object> checks = new ArrayList<>();
        for (Check check : p.checks) {
            Map<String, Object> part = part(check, check.description());
            part.put("severity", check.severity().name());
            checks.add(part);
        }
        root.put("checks", checks);
        root.put("prepare", p.steps.steps().stream().map(step -> part(step, step.toString())).toList());
        root.put("split", p.testSource != null ? null : part(p.splitter, p.splitter.toString()));
        root.put("train", p.trainer == null ? null : part(p.trainer, p.trainer.algorithm()));
        root.put("tune", p.tuning == null ? null : part(p.tuning, "a search"));
        root.put("evaluate", part(p.evaluator, p.evaluator.toString()));
        root.put("gates", p.gates.stream().map(gate -> part(gate, gate.description())).toList());
        root.put("experiment", p.experiment);
        if (p.registry != null) {
            Map<String, Object> register = new LinkedHashMap<>();
            register.put("model", p.model);
            register.put("alias", p.alias);
            root.put("register", register);
        } else {
            root.put("register", null);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pipeline's record could not be written: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> part(Object part, String description) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("recipe", part instanceof Reproducible r ? r.recipe().asMap() : null);
        node.put("description", description);
        return node;
    }

    /**
     * The pipeline {@code json} records, reading its data from the dataset versions {@code inputs}
     * of {@code tracker}, tracked in the same experiment and registered in {@code tracker}'s registry.
     *
     * @throws IllegalArgumentException if the record is not one this SDK wrote, or names a part it
     *         cannot build again (each such part listed)
     */
    static Pipeline fromJson(String json, Tracker tracker, List<DatasetInput> inputs) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the pipeline record is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null) {
            throw new IllegalArgumentException("the pipeline record is null, not a pipeline");
        }
        if (!Integer.valueOf(FORMAT).equals(root.get("format"))) {
            throw new IllegalArgumentException("the pipeline record has format " + root.get("format")
                    + "; this SDK reads format " + FORMAT);
        }
        try {
            return build(root, tracker, inputs);
        } catch (ClassCastException | NullPointerException e) { // a field missing, null or of another type
            throw new IllegalArgumentException("the pipeline record is not one this SDK wrote: a field is missing or"
                    + " of the wrong type (" + e.getMessage() + ")", e);
        }
    }

    private static Pipeline build(Map<String, Object> root, Tracker tracker, List<DatasetInput> inputs) {
        List<String> code = new ArrayList<>();
        Rebuilder rebuild = new Rebuilder(code);
        Pipeline pipeline = Pipeline.from(source(tracker, inputs, DatasetRole.SOURCE, (String) root.get("source")))
                .target((String) root.get("target"));
        if (root.get("name") != null) {
            pipeline = pipeline.name((String) root.get("name"));
        }
        List<Check> checks = new ArrayList<>();
        List<?> checkParts = (List<?>) root.get("checks");
        for (int i = 0; i < checkParts.size(); i++) {
            Map<?, ?> node = (Map<?, ?>) checkParts.get(i);
            Check check = rebuild.part(node, "validate: check " + (i + 1), Check.class);
            if (check != null) {
                checks.add(check.withSeverity(Severity.valueOf((String) node.get("severity"))));
            }
        }
        pipeline = pipeline.validate(checks.toArray(Check[]::new));
        pipeline = pipeline.prepare(Prep.chain(rebuild.parts(root.get("prepare"), "prepare: step ", Step.class)
                .toArray(Step[]::new)));
        if (root.get("test") != null) {
            pipeline = pipeline.testOn(source(tracker, inputs, DatasetRole.TEST, (String) root.get("test")));
        } else {
            pipeline = apply(pipeline, rebuild.part((Map<?, ?>) root.get("split"), "split", Splitter.class),
                    Pipeline::split);
        }
        if (root.get("train") != null) {
            pipeline = apply(pipeline, rebuild.part((Map<?, ?>) root.get("train"), "train", Trainer.class),
                    Pipeline::train);
        } else {
            pipeline = apply(pipeline, rebuild.part((Map<?, ?>) root.get("tune"), "tune", Tuning.class),
                    Pipeline::tune);
        }
        pipeline = apply(pipeline, rebuild.part((Map<?, ?>) root.get("evaluate"), "evaluate", Evaluator.class),
                Pipeline::evaluate);
        pipeline = pipeline.gate(rebuild.parts(root.get("gates"), "gate ", Gate.class).toArray(Gate[]::new));
        if (!code.isEmpty()) {
            throw new IllegalArgumentException("the recorded pipeline cannot be built again: " + String.join("; ", code)
                    + " " + (code.size() == 1 ? "was" : "were") + " given as code, which a record cannot hold;"
                    + " build the pipeline in code instead, passing " + (code.size() == 1 ? "it" : "them") + " again");
        }
        if (root.get("experiment") != null) {
            pipeline = pipeline.track(tracker, (String) root.get("experiment"));
        }
        if (root.get("register") instanceof Map<?, ?> register) {
            pipeline = pipeline.register(tracker.registry(), (String) register.get("model"), (String) register.get("alias"));
        }
        return pipeline;
    }

    private static <T> Pipeline apply(Pipeline pipeline, T part, java.util.function.BiFunction<Pipeline, T, Pipeline> set) {
        return part == null ? pipeline : set.apply(pipeline, part);
    }

    /** The recorded dataset version of {@code role}, read from the store each time the source is read. */
    private static DataSource source(Tracker tracker, List<DatasetInput> inputs, DatasetRole role, String name) {
        DatasetInput input = inputs.stream().filter(i -> i.role() == role).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the run recorded no " + role + " dataset for '"
                        + name + "'"));
        return DataSource.of(name, () -> tracker.datasets().load(input.dataset()));
    }

    /** Builds parts from their recipes, noting each part that has none. */
    private record Rebuilder(List<String> code) {
        /** The parts a list of nodes records, in order, each named {@code label} and its position. */
        <T> List<T> parts(Object nodes, String label, Class<T> type) {
            List<T> built = new ArrayList<>();
            List<?> list = (List<?>) nodes;
            for (int i = 0; i < list.size(); i++) {
                T part = part((Map<?, ?>) list.get(i), label + (i + 1), type);
                if (part != null) {
                    built.add(part);
                }
            }
            return built;
        }

        <T> T part(Map<?, ?> node, String where, Class<T> type) {
            Object recipe = node.get("recipe");
            if (recipe == null) {
                code.add(where + " ('" + node.get("description") + "')");
                return null;
            }
            Object built = Recipes.build(Recipe.fromMap(recipe));
            if (!type.isInstance(built)) {
                throw new IllegalArgumentException(where + ": the recipe " + recipe + " builds a "
                        + built.getClass().getSimpleName() + ", not a " + type.getSimpleName());
            }
            return type.cast(built);
        }
    }
}

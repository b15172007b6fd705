package dev.mlops.core.prep;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;

/** A built-in step with the recipe that builds it again; it describes itself by its recipe. */
record RecipeStep(Recipe recipe, Step step) implements Step, Reproducible {

    @Override
    public FittedStep fit(Frame frame) {
        return step.fit(frame);
    }

    @Override
    public String toString() {
        return recipe.toString();
    }
}

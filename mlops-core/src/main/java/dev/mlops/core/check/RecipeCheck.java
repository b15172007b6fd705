package dev.mlops.core.check;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;

/** A built-in check with the recipe that builds it again (at severity ERROR; the severity is kept apart). */
record RecipeCheck(Recipe recipe, Check check) implements Check, Reproducible {

    @Override
    public String description() {
        return check.description();
    }

    @Override
    public Severity severity() {
        return check.severity();
    }

    @Override
    public Check withSeverity(Severity severity) {
        return new RecipeCheck(recipe, check.withSeverity(severity));
    }

    @Override
    public CheckResult run(Frame frame) {
        return check.run(frame);
    }

    @Override
    public String toString() {
        return check.toString();
    }
}

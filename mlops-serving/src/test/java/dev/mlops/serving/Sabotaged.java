package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.ModelFormats;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.ModelBundle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Bundles that load but misbehave, as a user's own model format could: one whose model throws on
 * every prediction, one that takes a while to load. They wrap a real Tribuo model and are read
 * through a format registered for the tests.
 */
final class Sabotaged {

    static final String FORMAT = "sabotaged-test";

    /**
     * THROWS: every prediction fails; SLOW: loading takes the delay; FLAKY: after the first 400
     * predictions of a loaded model (a warm-up), every other one fails; SLOW_ANSWERS: after its first
     * 400, every prediction of one row takes the delay.
     */
    enum Mode { THROWS, SLOW, FLAKY, SLOW_ANSWERS }


    static {
        ModelFormats.register(new Format());
    }

    private Sabotaged() {
    }

    static ModelBundle bundle(ModelBundle good, Mode mode, int delayMillis) {
        return ModelBundle.of(good.signature(), good.preparation(), new Model(good.model(), mode, delayMillis),
                good.profile(), good.metadata());
    }

    /** {@code calls} counts this loaded model's predictions, so that tests do not share a warm-up. */
    private record Model(FittedModel inner, Mode mode, int delayMillis, java.util.concurrent.atomic.AtomicLong calls)
            implements FittedModel {
        Model(FittedModel inner, Mode mode, int delayMillis) {
            this(inner, mode, delayMillis, new java.util.concurrent.atomic.AtomicLong());
        }

        @Override
        public Task task() {
            return inner.task();
        }

        @Override
        public Schema inputs() {
            return inner.inputs();
        }

        @Override
        public List<String> labels() {
            return inner.labels();
        }

        @Override
        public boolean probabilistic() {
            return inner.probabilistic();
        }

        @Override
        public Prediction predict(Features prepared) {
            if (mode == Mode.THROWS) {
                throw new IllegalStateException("this model was built to fail");
            }
            long call = calls.incrementAndGet();
            if (mode == Mode.FLAKY && call > 400 && call % 2 == 0) {
                throw new IllegalStateException("this model fails every other time");
            }
            if (mode == Mode.SLOW_ANSWERS && call > 400) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.predict(prepared);
        }

        @Override
        public List<Prediction> predict(Frame prepared) {
            if (mode == Mode.THROWS) {
                throw new IllegalStateException("this model was built to fail");
            }
            return inner.predict(prepared);
        }

        @Override
        public String format() {
            return FORMAT;
        }

        @Override
        public byte[] serialize() {
            byte[] model = inner.serialize();
            return ByteBuffer.allocate(5 + model.length).put((byte) mode.ordinal()).putInt(delayMillis).put(model)
                    .array();
        }

        @Override
        public Map<String, String> backendVersions() {
            return Map.of();
        }
    }

    static final class Format implements ModelFormat {
        @Override
        public String name() {
            return FORMAT;
        }

        @Override
        public Map<String, String> backendVersions() {
            return Map.of();
        }

        @Override
        public FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels) {
            Mode mode = Mode.values()[model[0]];
            int delay = ByteBuffer.wrap(model, 1, 4).getInt();
            if (mode == Mode.SLOW) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading", e);
                }
            }
            FittedModel inner = ModelFormats.find("tribuo-protobuf").orElseThrow()
                    .read(Arrays.copyOfRange(model, 5, model.length), task, inputs, labels);
            return new Model(inner, mode, delay);
        }
    }
}

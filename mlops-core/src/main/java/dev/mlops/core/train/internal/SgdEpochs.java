package dev.mlops.core.train.internal;

import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-epoch progress from Tribuo's SGD trainers, which expose it only through their log: asked to
 * log once per epoch, {@code AbstractSGDTrainer} writes "At iteration N, average loss = X", which
 * this turns into an {@link ProgressEvent.Stage#EPOCH} event (with the loss) for the listener of
 * the thread that is training. While any thread trains, that one logger's records go to this
 * handler only, not to the console: the progress bar replaces them. The logger's level and parent
 * handlers are restored when the last training ends.
 */
public final class SgdEpochs {

    private static final Logger TRIBUO = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");
    private static final Pattern LINE = Pattern.compile("At iteration (\\d+), average loss = (\\S+)");
    private static final Map<Long, Training> TRAINING = new ConcurrentHashMap<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Training training = TRAINING.get(record.getLongThreadID());
            if (training != null) {
                training.heard(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static int active;
    private static Level savedLevel;
    private static boolean savedParents;

    private SgdEpochs() {
    }

    /**
     * Runs {@code training} (which builds its trainer to log every {@code iterationsPerEpoch}
     * iterations) telling {@code listener} each of the {@code epochs} epochs as it ends.
     */
    public static <T> T during(ProgressListener listener, String label, int epochs, long iterationsPerEpoch,
            Supplier<T> training) {
        long thread = Thread.currentThread().getId();
        // a listener may itself fit a model on this thread: the outer fit's entry comes back after it
        Training outer = TRAINING.put(thread, new Training(listener, label, epochs, iterationsPerEpoch));
        capture();
        try {
            return training.get();
        } finally {
            if (outer == null) {
                TRAINING.remove(thread);
            } else {
                TRAINING.put(thread, outer);
            }
            release();
        }
    }

    private static synchronized void capture() {
        if (active++ == 0) {
            savedLevel = TRIBUO.getLevel();
            savedParents = TRIBUO.getUseParentHandlers();
            TRIBUO.setLevel(Level.INFO);
            TRIBUO.setUseParentHandlers(false);
            TRIBUO.addHandler(HANDLER);
        }
    }

    private static synchronized void release() {
        if (--active == 0) {
            TRIBUO.removeHandler(HANDLER);
            TRIBUO.setUseParentHandlers(savedParents);
            TRIBUO.setLevel(savedLevel);
        }
    }

    /** One thread's training. */
    private record Training(ProgressListener listener, String label, int epochs, long iterationsPerEpoch) {
        void heard(String message) {
            Matcher line = message == null ? null : LINE.matcher(message);
            if (line == null || !line.find()) {
                return;
            }
            long epoch = Long.parseLong(line.group(1)) / iterationsPerEpoch;
            if (epoch >= 1 && epoch <= epochs) {
                listener.onProgress(new ProgressEvent(ProgressEvent.Stage.EPOCH, label, (int) epoch, epochs,
                        String.format(Locale.ROOT, "loss %s", line.group(2))));
            }
        }
    }
}

package dev.mlops.tracking.postgres;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' SLF4J provider: keeps the warnings and errors the store logs (the last thousand, as
 * {@code logger: message}) so a test can check what it was told; drops everything else.
 */
public final class CapturedWarnings implements SLF4JServiceProvider {

    private static final int KEPT = 1_000;
    private static final List<String> WARNINGS = new ArrayList<>();
    private static long count;

    /** How many warnings were logged so far: a mark for {@link #since}. */
    public static synchronized long count() {
        return count;
    }

    /** The warnings logged since {@code mark} (at most the last thousand), oldest first. */
    public static synchronized List<String> since(long mark) {
        int kept = (int) Math.min(count - mark, WARNINGS.size());
        return List.copyOf(WARNINGS.subList(WARNINGS.size() - kept, WARNINGS.size()));
    }

    private static synchronized void keep(String warning) {
        if (WARNINGS.size() == KEPT) {
            WARNINGS.remove(0);
        }
        WARNINGS.add(warning);
        count++;
    }

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return Captured::new;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Captured extends LegacyAbstractLogger {

        Captured(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            keep(name + ": " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}

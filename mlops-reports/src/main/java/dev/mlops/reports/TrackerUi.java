package dev.mlops.reports;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.internal.browser.BrowserServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only web browser over any {@link Tracker}: experiments, each experiment's runs as a table
 * filtered and ordered by the {@link dev.mlops.api.tracking.RunQuery#parse run query language},
 * sorted by a column and paged, each run with its params, metric histories, tags, downloadable
 * artifacts, inputs, nested runs and environment, a comparison of the runs chosen, the model
 * registry (versions, aliases, reviews, lineage, audit log) and dataset versions with their
 * profiles. No server to install: it runs on the JDK's own HTTP server inside the application.
 *
 * <pre>{@code
 * try (Tracker tracker = Tracking.local(Path.of("mlops-data"));
 *      TrackerUi ui = TrackerUi.start(tracker, 5050)) {
 *     System.out.println("open " + ui.uri());
 *     ...
 * }
 * }</pre>
 *
 * <p>It listens on the loopback address unless told otherwise with {@link Options#exposedOn}, and
 * then logs a warning: it has no login, so whoever reaches it reads the whole store. On loopback it
 * answers only requests addressed to {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (one Host
 * header, a numeric port at most, and no other host in the request line). Pages hold no script and
 * are served with a content-security policy that allows none; artifacts are only downloads, never
 * shown inline; a store that cannot be read is a 500 whose details go to the log, not the page. It
 * reads up to 32 connections at once and makes {@link Options#threads} pages at once; a request
 * still arriving after 5 seconds is cut, so slow senders cannot hold it (the JDK server's
 * {@code sun.net.httpserver.maxReqTime} and {@code nodelay} are set unless the application set
 * them). It never writes to the store.
 *
 * @since 0.1
 */
public final class TrackerUi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerUi.class);

    /** The port the command listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5050;

    /**
     * Where the browser listens and how many requests it answers at once.
     *
     * @param address the address to bind; loopback unless {@link #exposedOn} says otherwise
     * @param port    the port, 0 for any free one
     * @param threads requests answered at once
     */
    public record Options(InetAddress address, int port, int threads) {

        /** Checks the parts. */
        public Options {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
            }
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("the browser answers with 1 to 64 threads, not " + threads);
            }
        }

        /** Loopback only, on {@code port}, four threads. */
        public static Options loopback(int port) {
            return new Options(InetAddress.getLoopbackAddress(), port, 4);
        }

        /**
         * These options listening on {@code address} instead, which may reach beyond this machine:
         * the browser has no login, so anyone who reaches it reads every run, artifact, model and
         * dataset in the store. Starting it this way logs a warning saying so.
         */
        public Options exposedOn(InetAddress address) {
            return new Options(address, port, threads);
        }

        /** These options with {@code threads} threads. */
        public Options withThreads(int threads) {
            return new Options(address, port, threads);
        }
    }

    private final BrowserServer server;
    private final URI uri;

    private TrackerUi(BrowserServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts browsing {@code tracker} on the loopback address.
     *
     * @param port the port, 0 for any free one ({@link #port()} then says which)
     * @throws UncheckedIOException if the port cannot be bound (taken, or not allowed)
     */
    public static TrackerUi start(Tracker tracker, int port) {
        return start(tracker, Options.loopback(port));
    }

    /**
     * Starts browsing {@code tracker} as {@code options} say.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static TrackerUi start(Tracker tracker, Options options) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(options, "options");
        BrowserServer server;
        try {
            server = BrowserServer.start(tracker, new InetSocketAddress(options.address(), options.port()),
                    options.threads());
        } catch (IOException e) {
            throw new UncheckedIOException("the run browser cannot listen on " + options.address().getHostAddress()
                    + " port " + options.port() + ": " + e.getMessage(), e);
        }
        if (!options.address().isLoopbackAddress()) {
            LOG.warn(exposureWarning(options.address()));
        }
        String host = options.address().isAnyLocalAddress() || options.address().isLoopbackAddress() ? "127.0.0.1"
                : options.address().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return new TrackerUi(server, URI.create("http://" + host + ":" + server.port() + "/"));
    }

    /** What is said when the browser listens beyond loopback. */
    static String exposureWarning(InetAddress address) {
        return "the run browser listens on " + address.getHostAddress() + ", beyond this machine's loopback: it"
                + " has no login, so anyone who can reach it reads every run, artifact, model and dataset in the store";
    }

    /** The address to open in a browser. */
    public URI uri() {
        return uri;
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Stops listening; the tracker stays open (it is the caller's). */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "TrackerUi[" + uri + "]";
    }
}

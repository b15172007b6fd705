package dev.mlops.reports.internal.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.internal.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run browser's HTTP side, on the JDK's own {@link HttpServer}: read-only (GET and HEAD), a
 * fixed set of routes whose parameters are decoded strictly, every answer with a content-security
 * policy that allows no script, and artifacts only as downloads of what the store lists for the
 * run. Bound to loopback, it answers only requests addressed to a loopback name, so a web page
 * cannot reach it through a DNS name rebound to 127.0.0.1.
 */
public final class BrowserServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserServer.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";
    /** A browser sends a request at once; a connection still sending after this long is closed. */
    static final int REQUEST_SECONDS = 5;
    /** Connections read at once; pages are still made {@code threads} at a time. */
    static final int CONNECTIONS = 32;
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final HttpServer server;
    private final ExecutorService workers;
    private final boolean loopbackOnly;
    private final RunPages runs;
    private final RegistryPages models;
    private final DatasetPages datasets;
    private final Tracker tracker;
    private final Semaphore pagesAtOnce;

    private BrowserServer(HttpServer server, ExecutorService workers, boolean loopbackOnly, Tracker tracker,
            int threads) {
        this.pagesAtOnce = new Semaphore(threads);
        this.server = server;
        this.workers = workers;
        this.loopbackOnly = loopbackOnly;
        this.tracker = tracker;
        this.runs = new RunPages(tracker);
        this.models = new RegistryPages(tracker.registry());
        this.datasets = new DatasetPages(tracker.datasets(), tracker.registry());
    }

    /**
     * Starts serving {@code tracker} on {@code address} with {@code threads} workers.
     *
     * @throws IOException if the address cannot be bound (the port is taken)
     */
    public static BrowserServer start(Tracker tracker, InetSocketAddress address, int threads) throws IOException {
        serverSettings();
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "mlops-browser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // The JDK reads each request on an executor thread: a pool that can grow past the pages made at
        // once keeps a few slow senders (cut after REQUEST_SECONDS) from holding every thread, and
        // refuses connections beyond CONNECTIONS rather than queueing them without bound.
        ExecutorService workers = new ThreadPoolExecutor(threads, Math.max(threads, CONNECTIONS), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory);
        BrowserServer browser = new BrowserServer(server, workers, address.getAddress().isLoopbackAddress(), tracker,
                threads);
        server.createContext("/", browser::handle);
        server.setExecutor(workers);
        server.start();
        return browser;
    }

    /**
     * Two settings of the JDK's HTTP server, each unless the application chose (the JDK reads them
     * once, when its first server starts in the JVM). Nagle's algorithm off: left on, a page's
     * headers and body wait for the client's delayed acknowledgement, about 40 ms per request (53
     * instead of 8 ms for a page of 50 runs, {@code RunsPageBenchmark}). A time limit on receiving a
     * request: without one, a few connections that send half a request and wait hold every worker
     * thread, and the browser stops answering anyone.
     */
    private static void serverSettings() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        if (System.getProperty(MAX_REQUEST_SECONDS) == null) {
            System.setProperty(MAX_REQUEST_SECONDS, Integer.toString(REQUEST_SECONDS));
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                pagesAtOnce.acquireUninterruptibly();
                try {
                    answer = answer(exchange);
                } finally {
                    pagesAtOnce.release();
                }
            } catch (BadRequest | InvalidInputException | IllegalArgumentException e) {
                answer = problem(400, "Bad request", e.getMessage());
            } catch (NotFoundException e) {
                answer = problem(404, "Not found", e.getMessage());
            } catch (StoreException e) {
                // the store's message names files and parsers: for the log, not for whoever asked
                LOG.warn("the run browser could not read the store for {}", exchange.getRequestURI(), e);
                answer = problem(500, "The store could not be read", "part of the store this page needs is"
                        + " damaged or unreadable; the log of the application serving this page says which");
            } catch (RuntimeException e) {
                LOG.error("the run browser failed on {}", exchange.getRequestURI(), e);
                answer = problem(500, "Internal error", "the page could not be made; the log says why");
            }
            send(exchange, answer);
        } catch (IOException e) {
            LOG.debug("the browser's client went away: {}", e.toString());
        }
    }

    private Answer answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Answer(405, "text/plain; charset=utf-8", "the run browser only reads: GET or HEAD\n"
                    .getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET, HEAD"));
        }
        if (loopbackOnly && !addressedToLoopback(exchange.getRequestHeaders().get("Host"),
                exchange.getRequestURI())) {
            return problem(403, "Forbidden", "this run browser answers only requests addressed to localhost,"
                    + " 127.0.0.1 or [::1]");
        }
        String path = exchange.getRequestURI().getRawPath();
        Parameters parameters = Parameters.parse(exchange.getRequestURI().getRawQuery());
        return switch (path == null ? "" : path) {
            case Links.HOME -> Answer.page(runs.experiments());
            case Links.RUNS -> runs.runs(parameters);
            case Links.RUN -> Answer.page(runs.run(parameters));
            case Links.COMPARE -> Answer.page(runs.compare(parameters));
            case Links.ARTIFACT -> artifact(parameters);
            case Links.MODELS -> Answer.page(models.models());
            case Links.MODEL -> Answer.page(models.model(parameters));
            case Links.DATASETS -> Answer.page(datasets.datasets());
            case Links.DATASET -> Answer.page(datasets.dataset(parameters));
            default -> problem(404, "Not found", "the run browser has no page here");
        };
    }

    /**
     * Whether a request is addressed to a loopback host: one Host header (absent only from HTTP/1.0
     * clients, which cannot be a browser's page) naming localhost, 127.0.0.1 or [::1] with at most a
     * numeric port, and a request target that is a path or, in absolute form, names such a host too.
     */
    static boolean addressedToLoopback(List<String> hosts, URI target) {
        if (target.isAbsolute() && (target.getHost() == null || !loopbackName(target.getRawAuthority()))) {
            return false;
        }
        if (hosts == null || hosts.isEmpty()) {
            return true;
        }
        return hosts.size() == 1 && loopbackName(hosts.get(0));
    }

    private static boolean loopbackName(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.startsWith("[") ? name.indexOf(']') + 1 : name.indexOf(':');
        if (colon > 0 && colon < name.length()) {
            String port = name.substring(colon + 1);
            if (name.charAt(colon) != ':' || port.isEmpty() || port.length() > 5 || !port.chars()
                    .allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(name);
    }

    /**
     * An artifact of a run, as a download: only a path the store lists for that run is served, read
     * through the tracker (which checks its SHA-256), never a file the server resolves itself.
     */
    private Answer artifact(Parameters parameters) {
        String runId = parameters.required("run");
        String path = parameters.required("path");
        RunInfo run = tracker.run(runId);
        ArtifactInfo artifact = run.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no artifact '" + path + "'"));
        byte[] content = tracker.artifact(run.id(), artifact.path());
        return new Answer(200, "application/octet-stream", content, Map.of("Content-Disposition",
                Downloads.contentDisposition(artifact.path())));
    }

    private static Answer problem(int status, String title, String message) {
        Page page = Pages.page(title, "HTTP " + status);
        page.section("problem", title).markup(new dev.mlops.reports.internal.Markup()
                .element("p", message, "class", "error", "id", "message")).end();
        return Answer.page(status, page.html());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.contentType());
        headers.set("Content-Security-Policy", Page.BROWSER_POLICY + "; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        answer.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            headers.set("Content-Length", Integer.toString(answer.body().length));
        }
        exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length == 0 ? -1
                : answer.body().length);
        if (!head && answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    /**
     * Stops answering at once (the JDK 17 server waits the whole delay it is given, even with
     * nothing in flight, so none is given); workers still answering get two seconds to finish.
     */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

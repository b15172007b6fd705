package dev.mlops.reports;

import static dev.mlops.reports.ReportsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on the run browser from outside, over real sockets against a real file store: each asserts the behaviour that should hold. */
class TrackerUiAttackTest {

    static final String HOSTILE = "<script>alert(1)</script>\"'><b>x</b>\u202e\u200f";

    @TempDir
    Path root;
    Tracker tracker;
    TrackerUi ui;
    String plain;

    @BeforeEach
    void store() {
        tracker = Tracking.local(root);
        Experiment income = tracker.experiment("income");
        try (Run run = income.start("plain")) {
            plain = run.id();
            run.logParam("depth", "3");
            run.logMetric("accuracy", 0.9);
            run.logArtifact("reports/a.txt", "a".getBytes(StandardCharsets.UTF_8));
        }
        ui = TrackerUi.start(tracker, 0);
    }

    @AfterEach
    void close() {
        if (ui != null) {
            ui.close();
        }
        tracker.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A refusal: a 4xx, a page naming the problem, no trace, no filesystem path. */
    private void assertRefused(Http.Response response, String what) {
        assertTrue(response.status() >= 400 && response.status() < 500, what + " answered " + response.status()
                + ": " + response.text());
        assertClean(response, what);
    }

    private void assertClean(Http.Response response, String what) {
        String text = response.text();
        assertFalse(text.contains("Exception") || text.contains("\tat "), what + " leaks a trace: " + text);
        assertFalse(text.contains(root.toString()) || text.contains(root.toAbsolutePath().toString()),
                what + " leaks the store's path: " + text);
        if (response.header("Content-Type") != null && response.header("Content-Type").startsWith("text/html")) {
            Document page = Jsoup.parse(text);
            assertTrue(page.select("script, img, iframe, object, embed").isEmpty(), what + ": markup from data");
        }
    }

    private static Http.Response raw(int port, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.net.SocketException e) {
                // the server closed while we wrote: read what it said, if anything
            }
            InputStream in = socket.getInputStream();
            byte[] all;
            try {
                all = in.readAllBytes();
            } catch (java.net.SocketException e) {
                return new Http.Response(-1, Map.of(), new byte[0]);
            }
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/") ? Integer.parseInt(text.split(" ")[1]) : -1;
            int body = text.indexOf("\r\n\r\n");
            return new Http.Response(status, Map.of(), body < 0 ? new byte[0]
                    : text.substring(body + 4).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private List<Path> snapshot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().toList();
        }
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void limitsAndOffsetsOutOfRangeAreRefusedNotFailed() throws IOException {
        for (String bad : List.of("limit=-1", "limit=abc", "limit=99999999999999999999", "limit=501", "limit=1e3",
                "offset=-5", "offset=x", "offset=2147483648", "limit=", "limit=0x10")) {
            Http.Response response = Http.get(ui.port(), "/runs?experiment=income&" + bad);
            if (!bad.equals("limit=")) {
                assertRefused(response, bad);
                assertTrue(response.text().contains("limit") || response.text().contains("offset"), bad);
            }
        }
    }

    @Test
    void theLargestOffsetIsAnEmptyPageNotAFailure() throws IOException {
        Http.Response response = Http.get(ui.port(), "/runs?experiment=income&offset=2147483647&limit=500");
        assertEquals(200, response.status(), response.text());
        assertClean(response, "offset max");
        Http.Response near = Http.get(ui.port(), "/runs?experiment=income&offset=2147483600&limit=500");
        assertEquals(200, near.status(), near.text());
    }

    @Test
    void hugeAndDeeplyNestedQueriesAreRefusedOrAnswered() throws IOException {
        List<String> queries = List.of(
                "(".repeat(5_000) + "metrics.accuracy > 0.8" + ")".repeat(5_000),
                "metrics.accuracy > 0.1 and ".repeat(400) + "metrics.accuracy > 0.2",
                "metrics.accuracy > 1e999999",
                "metrics.accuracy > NaN order by metrics.accuracy desc",
                "params.depth = '" + "'".repeat(3000) + "'",
                "metrics." + "a".repeat(10_000) + " > 1",
                "metrics.accuracy > 0.8 order by metrics.accuracy desc order by started asc",
                "tags.x = '\u0000'",
                "started > '9999999999-01-01'",
                "status = 'nonsense'");
        for (String q : queries) {
            Http.Response response = Http.get(ui.port(), "/runs?experiment=income&q=" + encode(q));
            assertTrue(response.status() == 200 || response.status() == 400, q.substring(0, Math.min(60, q.length()))
                    + " answered " + response.status() + ": " + response.text());
            assertClean(response, "query " + q.substring(0, Math.min(60, q.length())));
        }
        assertEquals(200, Http.get(ui.port(), "/").status(), "still answering");
    }

    @Test
    void thousandsOfRunParametersAreRefused() throws IOException {
        String many = ("run=" + plain + "&").repeat(2_000);
        assertRefused(Http.get(ui.port(), "/compare?" + many), "2000 run=");
        String sixty = ("run=" + plain + "&").repeat(60);
        assertRefused(Http.get(ui.port(), "/compare?" + sixty), "60 run=");
        assertRefused(Http.get(ui.port(), "/compare?" + "&".repeat(10_000)), "10000 empty pairs");
    }

    @Test
    void theSameRunComparedTwiceIsNotAFailure() throws IOException {
        Http.Response response = Http.get(ui.port(), "/compare?run=" + plain + "&run=" + plain);
        assertTrue(response.status() == 200 || response.status() == 400, response.status() + ": " + response.text());
        assertClean(response, "same run twice");
    }

    @Test
    void nonNumericOrHostileIdsAndNamesAreRefusedWithTheirTextEscaped() throws IOException {
        for (String target : List.of("/run?id=" + encode(HOSTILE), "/model?name=" + encode(HOSTILE),
                "/dataset?ref=" + encode(HOSTILE), "/dataset?ref=" + encode("iris/-1"),
                "/dataset?ref=" + encode("iris/99999999999999999999"), "/dataset?ref=" + encode("/"),
                "/runs?experiment=" + encode(HOSTILE), "/run?id=" + encode("\uD800"),
                "/artifact?run=" + plain + "&path=" + encode(HOSTILE), "/run?" + encode(HOSTILE) + "=1",
                "/run?id=" + encode("../../etc/passwd"))) {
            Http.Response response = Http.get(ui.port(), target);
            assertRefused(response, target);
        }
        assertFalse(tracker.experimentNames().contains(HOSTILE), "nothing created");
    }

    @Test
    void artifactPathsThatTryToEscapeAreRefused() throws IOException {
        Files.writeString(root.resolve("secret.txt"), "TOPSECRET");
        for (String path : List.of("reports/../../secret.txt", "/reports/a.txt", "reports//a.txt", "reports/./a.txt",
                "reports\\a.txt", "..\\secret.txt", "C:\\secret.txt", "/etc/passwd",
                "reports/a.txt\u0000", "reports%2Fa.txt", "./reports/a.txt", "reports/a.txt/")) {
            Http.Response response = Http.get(ui.port(), "/artifact?run=" + plain + "&path=" + encode(path));
            assertRefused(response, path);
            assertFalse(response.text().contains("TOPSECRET"), path);
        }
        assertEquals(200, Http.get(ui.port(), "/artifact?run=" + plain + "&path=" + encode("reports/a.txt")).status());
    }

    // ---------------------------------------------------------------- the HTTP layer

    @Test
    void methodsOtherThanGetAndHeadAreRefused() throws IOException {
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get", "FOO")) {
            Http.Response response = raw(ui.port(), method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n", 10_000);
            assertTrue(response.status() == 405 || response.status() == 400 || response.status() == 501,
                    method + " answered " + response.status());
        }
    }

    @Test
    void malformedRequestLinesAreRefused() throws IOException {
        for (String line : List.of("GET\r\n", "GET /\r\n", " / HTTP/1.1\r\n",
                "GET  / HTTP/1.1\r\n", "GET * HTTP/1.1\r\n",
                "GET /run?id=\u00ff HTTP/1.1\r\n", "\u0000\u0001\u0002\r\n")) {
            Http.Response response = raw(ui.port(), line + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n", 10_000);
            assertTrue(response.status() == -1 || response.status() >= 400 && response.status() < 500,
                    line.strip() + " answered " + response.status() + ": " + response.text());
            assertClean(response, line.strip());
        }
        assertEquals(200, Http.get(ui.port(), "/").status(), "still answering");
    }

    @Test
    void anAbsoluteFormTargetNamingAnotherHostIsNotServed() throws IOException {
        Http.Response response = raw(ui.port(), "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", 10_000);
        assertTrue(response.status() == 403 || response.status() == 400, "answered " + response.status());
    }

    @Test
    void anEnormousRequestLineIsRefused() throws IOException {
        Http.Response response = raw(ui.port(), "GET /run?id=" + "a".repeat(2_000_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", 30_000);
        assertTrue(response.status() == -1 || response.status() == 414 || response.status() == 400,
                "answered " + response.status());
        assertEquals(200, Http.get(ui.port(), "/").status(), "still answering");
    }

    @Test
    void anEnormousHeaderIsRefused() throws IOException {
        Http.Response response = raw(ui.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(4_000_000)
                + "\r\nConnection: close\r\n\r\n", 30_000);
        assertTrue(response.status() == 431 || response.status() == 400 || response.status() == -1,
                "a 4 MB header answered " + response.status());
        assertEquals(200, Http.get(ui.port(), "/").status(), "still answering");
    }

    @Test
    void thousandsOfHeadersAreRefused() throws IOException {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 20_000; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        Http.Response response = raw(ui.port(), request + "Connection: close\r\n\r\n", 30_000);
        assertTrue(response.status() == 431 || response.status() == 400 || response.status() == -1,
                "20000 headers answered " + response.status());
    }

    @Test
    void hostHeadersThatAreNotLoopbackAreRefused() throws IOException {
        for (String host : List.of("127.0.0.2", "0.0.0.0", "localhost.", "127.1", "2130706433", "0x7f000001",
                "[::ffff:127.0.0.1]", "", " ", "[::1", "evil.example, localhost", "localhost%00.evil.example")) {
            int status = Http.send(ui.port(), "GET", "/", host).status();
            assertTrue(status == 403 || status == 400, "Host '" + host + "' answered " + status);
        }
    }

    @Test
    void aHostWithANonNumericPortIsRefused() throws IOException {
        for (String host : List.of("localhost:abc:1", "localhost:evil.example", "127.0.0.1:80@evil.example")) {
            int status = Http.send(ui.port(), "GET", "/", host).status();
            assertEquals(403, status, "Host '" + host + "' is not a loopback host and port");
        }
    }

    @Test
    void twoHostHeadersWithAForeignOneAreRefused() throws IOException {
        Http.Response response = raw(ui.port(), "GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n"
                + "Connection: close\r\n\r\n", 10_000);
        assertTrue(response.status() == 400 || response.status() == 403, "answered " + response.status());
        Http.Response reversed = raw(ui.port(), "GET / HTTP/1.1\r\nHost: evil.example\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n", 10_000);
        assertTrue(reversed.status() == 400 || reversed.status() == 403, "answered " + reversed.status());
    }

    private void assertAnsweredBeside(int connections, String sent) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), ui.port());
                socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                idle.add(socket);
            }
            Thread.sleep(300); // the server offers no hook to see that a connection reached a worker
            Http.Response response = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Http.get(ui.port(), "/"),
                    connections + " connections that sent '" + sent.strip() + "' and wait keep every worker waiting");
            assertEquals(200, response.status());
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void connectionsThatSendNothingDoNotBlockOtherUsers() throws Exception {
        assertAnsweredBeside(4, "");
    }

    @Test
    void connectionsThatSendHalfARequestDoNotBlockOtherUsers() throws Exception {
        assertAnsweredBeside(4, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }

    @Test
    void aRequestStillArrivingAfterItsTimeIsCut() throws Exception {
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), ui.port())) {
            slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            slow.setSoTimeout(20_000);
            long began = System.nanoTime();
            int read;
            try {
                read = slow.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1; // cut with a reset: closed all the same
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            assertEquals(-1, read, "the server closes a request that never finishes");
            assertTrue(seconds > 3 && seconds < 15, "cut after about 5 s, not " + seconds);
        }
    }

    @Test
    void oneIdleConnectionDoesNotBlockOthers() throws Exception {
        assertAnsweredBeside(1, "");
    }

    @Test
    void manyConcurrentRequestsAreAllAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String target = List.of("/", "/runs?experiment=income", "/run?id=" + plain, "/models", "/datasets",
                        "/runs?experiment=income&q=" + encode("metrics.accuracy > 0.5")).get(i % 6);
                answers.add(clients.submit(() -> Http.get(ui.port(), target).status()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- big and hostile stores

    @Test
    void aRunWithThousandsOfParamsMetricsAndAHundredThousandPointsIsShown() throws Exception {
        String big;
        try (Run run = tracker.experiment("big").start("big")) {
            big = run.id();
            Map<String, String> params = new TreeMap<>();
            for (int i = 0; i < 3_000; i++) {
                params.put("p" + i, "v" + i);
            }
            run.logParams(params);
            for (int i = 0; i < 1_000; i++) {
                run.logMetric("m" + i, i);
            }
            for (int step = 0; step < 100_000; step++) {
                run.logMetric("loss", 1.0 / (step + 1), step);
            }
        }
        List<Path> before = snapshot();
        long start = System.nanoTime();
        Http.Response page = Http.get(ui.port(), "/run?id=" + big);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, page.status(), page.text());
        assertTrue(millis < 15_000, "the page took " + millis + " ms");
        assertTrue(page.body().length < 20_000_000, "the page is " + page.body().length + " bytes");
        Document document = Jsoup.parse(page.text());
        assertEquals(3_000, rows(document, "params-table").size());
        Element loss = document.selectFirst("[data-metric=loss]");
        assertTrue(loss != null, "the loss history is drawn");
        Http.Response table = Http.get(ui.port(), "/runs?experiment=big");
        assertEquals(200, table.status());
        Http.Response compare = Http.get(ui.port(), "/compare?run=" + big + "&run=" + plain);
        assertEquals(200, compare.status(), compare.text());
        assertEquals(before, snapshot(), "the browser wrote nothing");
    }

    @Test
    void closingWhileRequestsAreInFlightStopsPromptly() throws Exception {
        String big;
        try (Run run = tracker.experiment("slow").start("slow")) {
            big = run.id();
            for (int step = 0; step < 50_000; step++) {
                run.logMetric("loss", step, step);
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> Http.get(ui.port(), "/run?id=" + big));
            }
            Thread.sleep(100); // let the requests reach the server: it offers no hook to see them arrive
            long start = System.nanoTime();
            ui.close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "close took " + millis + " ms");
            try (TrackerUi again = TrackerUi.start(tracker, 0)) {
                assertEquals(200, Http.get(again.port(), "/").status(), "the tracker is still usable");
            }
        } finally {
            clients.shutdownNow();
            ui = null;
        }
    }

    @Test
    void hostileRunNamesParamsTagsAndArtifactPathsAreText() throws IOException {
        String id;
        List<String> texts = List.of(HOSTILE, "a\u2028b\u0085c", "\u202egnp.exe", "x\" onmouseover=\"alert(1)",
                "</textarea><svg onload=alert(1)>", "&lt;b&gt;");
        try (Run run = tracker.experiment("hostile").start(HOSTILE)) {
            id = run.id();
            for (int i = 0; i < texts.size(); i++) {
                run.logParam("p" + i, texts.get(i));
                run.tag("t" + i, texts.get(i));
                run.logMetric("m" + i + "<b>", i);
            }
            run.logArtifact("x/evil.html", "<script>".getBytes(StandardCharsets.UTF_8));
        }
        List<Path> before = snapshot();
        for (String target : List.of("/", "/runs?experiment=hostile", "/run?id=" + id,
                "/compare?run=" + id + "&run=" + plain,
                "/runs?experiment=hostile&q=" + encode("params.p0" + HOSTILE + " = 'x'"))) {
            Http.Response response = Http.get(ui.port(), target);
            assertTrue(response.status() == 200 || response.status() == 400, target + ": " + response.status());
            assertClean(response, target);
            Document page = Jsoup.parse(response.text());
            assertTrue(page.select("b, svg[onload], textarea").isEmpty(), target + " holds markup from data");
        }
        Document run = Jsoup.parse(Http.get(ui.port(), "/run?id=" + id).text());
        assertEquals(HOSTILE, run.selectFirst("h1").text());
        Element download = rows(run, "artifact-table").get(0).selectFirst("a");
        Http.Response artifact = Http.get(ui.port(), download.attr("href"));
        assertEquals(200, artifact.status());
        assertEquals("application/octet-stream", artifact.header("Content-Type"));
        assertFalse(artifact.header("Content-Disposition").replace("filename=\"", "").replace("\"; filename*", "")
                .replaceAll("\"$", "").contains("\""), artifact.header("Content-Disposition"));
        assertEquals(before, snapshot(), "the browser wrote nothing");
    }

    @Test
    void aDamagedStoreFileDoesNotLeakItsPathOrATrace() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().contains(plain)).toList();
        }
        for (Path file : files) {
            Files.writeString(file, "{not json");
        }
        for (String target : List.of("/run?id=" + plain, "/runs?experiment=income", "/",
                "/artifact?run=" + plain + "&path=reports%2Fa.txt")) {
            Http.Response response = Http.get(ui.port(), target);
            assertClean(response, target + " on a damaged store (" + response.status() + ")");
        }
    }
}

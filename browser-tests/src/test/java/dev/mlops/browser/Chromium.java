package dev.mlops.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver (paths from the system properties
 * {@code chromium.binary} and {@code chromium.driver}; nothing is looked up or downloaded), with a
 * fresh profile, no background networking, and the page's console kept so a test can ask whether
 * anything went wrong.
 */
final class Chromium implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 1000;

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Chromium(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** Starts a browser with an empty profile in a new temporary directory. */
    static Chromium start() throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getProperty("chromium.binary", "/usr/bin/chromium")));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromium.driver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
        return new Chromium(driver, profile, screenshots);
    }

    /** Opens an address and waits for the page to load. */
    void open(String url) {
        driver.get(url);
    }

    /** Opens a file. */
    void open(Path file) {
        driver.get(file.toUri().toString());
    }

    /**
     * Clicks something that loads a new page (a link, a form's button) and waits until the new page
     * has replaced the old one and finished loading: a click returns before a form's navigation ends.
     */
    void clickToLoad(WebElement element) {
        WebElement old = driver.findElement(By.tagName("html"));
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.stalenessOf(old));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * Asserts that the page logged nothing at level SEVERE since the last call: a script error, a
     * resource that failed to load, or a content-security-policy violation.
     */
    void assertNoConsoleErrors(String page) {
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), severe, page + ": the console reports errors");
    }

    /**
     * Asserts that the page draws charts: at least {@code atLeast} SVG elements, each laid out with a
     * width and height, and each holding marks (bars, lines, points) of which at least one is drawn
     * with a size.
     */
    @SuppressWarnings("unchecked")
    void assertChartsDrawn(String page, int atLeast) {
        List<Map<String, Object>> charts = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('svg')).map(function (svg) {"
                + "  var box = svg.getBoundingClientRect();"
                + "  var marks = Array.from(svg.querySelectorAll('rect, polyline, path, circle, line'));"
                + "  var drawn = marks.filter(function (m) { var b = m.getBBox(); return b.width > 0 || b.height > 0; });"
                + "  return {width: box.width, height: box.height, marks: marks.length, drawn: drawn.length};"
                + "});");
        assertTrue(charts.size() >= atLeast, page + ": " + charts.size() + " charts, expected at least " + atLeast);
        for (int i = 0; i < charts.size(); i++) {
            Map<String, Object> chart = charts.get(i);
            String where = page + ", chart " + (i + 1) + " " + chart;
            assertTrue(((Number) chart.get("width")).doubleValue() > 0, where + ": no width");
            assertTrue(((Number) chart.get("height")).doubleValue() > 0, where + ": no height");
            assertTrue(((Number) chart.get("drawn")).longValue() > 0, where + ": nothing drawn");
        }
    }

    /** Asserts that the page fetched nothing: every report and page is self-contained. */
    void assertNothingFetched(String page) {
        Object fetched = ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(function (r) { return r.name; });");
        assertEquals(List.of(), fetched, page + ": fetched resources");
    }

    /** Saves what the window shows as {@code name.png} in the screenshot directory; returns the file. */
    Path screenshot(String name) {
        return save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves one element (a section, a chart) as {@code name.png}; returns the file. */
    Path screenshot(String name, String css) {
        WebElement element = find(css);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", element);
        return save(name, element.getScreenshotAs(OutputType.BYTES));
    }

    private Path save(String name, byte[] png) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A computed style property of the first element matching {@code css}. */
    String style(String css, String property) {
        return find(css).getCssValue(property);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

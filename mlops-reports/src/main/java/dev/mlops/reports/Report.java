package dev.mlops.reports;

import dev.mlops.api.MlopsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * One self-contained HTML report: inline CSS and SVG, no script, no font or image fetched, and a
 * content-security policy that forbids both, so it opens offline, as a mail attachment or as a CI
 * artefact. Every value from the data or the store is escaped: it shows as text, never as markup.
 * Immutable.
 *
 * @since 0.1
 */
public final class Report {

    private final String title;
    private final String html;

    Report(String title, String html) {
        this.title = Objects.requireNonNull(title, "title");
        this.html = Objects.requireNonNull(html, "html");
    }

    /** Its title. */
    public String title() {
        return title;
    }

    /** The whole HTML document. */
    public String html() {
        return html;
    }

    /**
     * Writes the document to {@code file} (UTF-8), creating its directory; the file is replaced
     * whole or left as it was.
     *
     * @return {@code file}
     * @throws ReportException if it cannot be written
     */
    public Path write(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new ReportException("cannot write the report '" + title + "' to " + target + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "Report[" + title + ", " + html.length() + " characters]";
    }

    /** A report that could not be written. */
    public static final class ReportException extends MlopsException {
        private static final long serialVersionUID = 1L;

        ReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

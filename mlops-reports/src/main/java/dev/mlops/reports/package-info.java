/**
 * Pictures of results, without a server to install: {@link dev.mlops.reports.Reports} turns a data
 * profile, a validation, a drift report, an evaluation or a comparison of runs into one
 * self-contained HTML file ({@link dev.mlops.reports.Report}: inline CSS and SVG, no script, nothing
 * fetched), and {@link dev.mlops.reports.TrackerUi} browses any tracker in a web browser, read-only,
 * on the JDK's own HTTP server ({@link dev.mlops.reports.BrowseStore} from the shell).
 */
package dev.mlops.reports;

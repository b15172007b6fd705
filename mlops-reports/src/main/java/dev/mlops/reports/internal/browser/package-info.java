/**
 * The run browser behind {@link dev.mlops.reports.TrackerUi}: the HTTP side
 * ({@link dev.mlops.reports.internal.browser.BrowserServer}) and the pages about runs, the registry
 * and datasets. Not an API: it changes without notice.
 */
package dev.mlops.reports.internal.browser;

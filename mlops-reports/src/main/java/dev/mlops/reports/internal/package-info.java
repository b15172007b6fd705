/**
 * How reports are written: escaped markup ({@link dev.mlops.reports.internal.Markup}), pages
 * ({@link dev.mlops.reports.internal.Page}), SVG charts ({@link dev.mlops.reports.internal.Charts})
 * and one page class per kind of report. Not an API: it changes without notice.
 */
package dev.mlops.reports.internal;

/**
 * Reading and writing tabular data. {@link dev.mlops.core.data.Csv} is the entry point: it reads
 * CSV into a {@link dev.mlops.api.Frame} with Apache Commons CSV, infers or checks the schema, and
 * writes frames back so that reading them again gives an equal frame.
 */
package dev.mlops.core.data;

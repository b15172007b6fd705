/**
 * The file store's building blocks: atomic file rewrites, checksummed append-only logs and safe
 * resolution of user-supplied names. Not part of the public API.
 */
package dev.mlops.tracking.internal;

/** Implementation details shared by the core packages; not part of the public API, may change without notice. */
package dev.mlops.core.internal;

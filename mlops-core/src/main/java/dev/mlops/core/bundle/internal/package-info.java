/** The bundle file format: writing, verified reading and the backend model codecs. */
package dev.mlops.core.bundle.internal;

/**
 * Live monitoring inside the serving JVM: every answered request is counted into the current window
 * of its version (a few array writes, no lock, no allocation); when a window closes, off the request
 * path, its drift against the bundle's baseline is tested with the same definitions as the batch
 * comparison ({@code dev.mlops.core.drift}), its accuracy is estimated from the model's calibrated
 * confidence before any label arrives, and alarms are raised with hysteresis and a cooldown.
 */
package dev.mlops.serving.monitor;

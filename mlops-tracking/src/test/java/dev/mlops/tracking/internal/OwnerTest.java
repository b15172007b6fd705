package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A run's owner is gone only when its process is, or its pid now names a process started well after. */
class OwnerTest {

    @Test
    void aStartTimeReadOneSecondOffInAnotherJvmIsTheSameProcess() {
        Owner me = Owner.current();
        // each JVM derives start times from the boot time it read itself: a second of drift is not a new process
        assertFalse(new Owner(me.host(), me.pid(), me.started().plusMillis(1_000)).gone());
        assertFalse(new Owner(me.host(), me.pid(), me.started().minusMillis(1_000)).gone());
        assertTrue(new Owner(me.host(), me.pid(), me.started().minus(Duration.ofHours(1))).gone(),
                "the pid now belongs to a process started an hour later");
        assertFalse(new Owner("another-host", 1, me.started()).gone(), "owners on other hosts count as alive");
    }

    @Test
    void anEndedChildProcessIsGone() throws Exception {
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-version").redirectErrorStream(true).start();
        Owner owner = new Owner(Owner.current().host(), child.pid(), child.info().startInstant().orElse(null));
        child.waitFor();
        assertTrue(owner.gone(), "an ended process is gone");
    }
}

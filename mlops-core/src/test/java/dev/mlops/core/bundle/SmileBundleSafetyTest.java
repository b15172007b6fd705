package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * Smile models are Java-serialized, so their bundle entry is read through an allow-list filter:
 * any class outside Smile and plain JDK values is rejected before it is instantiated.
 */
class SmileBundleSafetyTest {

    private static final Map<String, byte[]> ENTRIES = BundleZips.entries(Training.with(
            Algorithms.smile().gradientBoosting().trees(5)).fit(Iris.frame(), "species", Prep.chain()).toBytes());

    /** Stands for a gadget class: if it were ever instantiated, the flag would say so. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean instantiated;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            instantiated = true;
            in.defaultReadObject();
        }
    }

    @Test
    void aGadgetClassIsRejectedBeforeItIsCreated() {
        BundleException e = refused(serialize(new Gadget()));
        assertTrue(e.getMessage().contains("refused by the deserialization allow-list"), e.getMessage());
        assertTrue(!Gadget.instantiated, "the filter rejects the class before readObject runs");
    }

    @Test
    void jdkClassesUsedInKnownExploitChainsAreRejected() {
        PriorityQueue<String> queue = new PriorityQueue<>(List.of("a", "b"));
        assertTrue(refused(serialize(queue)).getMessage().contains("allow-list"));
        assertTrue(refused(serialize(new javax.management.BadAttributeValueExpException("x"))).getMessage()
                .contains("allow-list"));
    }

    @Test
    void deepNestingAndHugeArraysHitTheLimits() {
        ArrayList<Object> root = new ArrayList<>();
        ArrayList<Object> current = root;
        for (int i = 0; i < 5_000; i++) {
            ArrayList<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        assertTrue(refused(serializeDeep(root)).getMessage().contains("allow-list"));
    }

    @Test
    void aFewBytesClaimingAHugeArrayAreRefusedBeforeItIsAllocated() {
        // a serialized long[1] whose length field says 200,000,000: 35 bytes that used to allocate 1.6 GB
        // (an OutOfMemoryError under -Xmx1g) before the missing elements were noticed
        byte[] array = serialize(new long[1]);
        java.nio.ByteBuffer.wrap(array).putInt(array.length - Long.BYTES - Integer.BYTES, 200_000_000);
        BundleException e = refused(array);
        assertTrue(e.getMessage().contains("refused by the deserialization allow-list: a limit was exceeded"),
                e.getMessage());
        assertTrue(e.getMessage().contains("array length 200000000 of at most " + array.length / Long.BYTES),
                e.getMessage());
    }

    @Test
    void aPlainAllowedObjectThatIsNotAModelIsRefused() {
        assertTrue(refused(serialize(new ArrayList<>(List.of("not", "a", "model")))).getMessage()
                .contains("not a Smile payload"));
        assertTrue(refused(new byte[] {1, 2, 3}).getMessage().contains("not a readable serialized Smile model"));
    }

    private static BundleException refused(byte[] model) {
        Map<String, byte[]> entries = new LinkedHashMap<>(ENTRIES);
        entries.put("model.bin", model);
        return assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "gadget.bundle"));
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Serializes on a thread with a large stack, since writing deep nesting recurses too. */
    private static byte[] serializeDeep(Object value) {
        byte[][] result = new byte[1][];
        Thread writer = new Thread(null, () -> result[0] = serialize(value), "deep", 512L << 20);
        writer.start();
        try {
            writer.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return result[0];
    }
}

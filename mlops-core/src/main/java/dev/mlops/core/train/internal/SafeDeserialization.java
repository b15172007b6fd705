package dev.mlops.core.train.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Set;

/**
 * Java deserialization behind an allow-list {@link ObjectInputFilter}: only Smile's classes, our
 * payload record and the few JDK value and collection classes a Smile model holds may be
 * instantiated, within limits on depth, references, array length and bytes. Anything else (the
 * gadget classes of known deserialization exploits included) is rejected before it is created.
 */
final class SafeDeserialization {

    /** Deepest object nesting accepted. */
    static final long MAX_DEPTH = 200;
    /** Most object references accepted. */
    static final long MAX_REFERENCES = 50_000_000;
    /** Longest array accepted. */
    static final long MAX_ARRAY = 200_000_000;

    private static final Set<String> JDK_CLASSES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Enum", "java.lang.Record",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.BitSet",
            "java.util.Arrays$ArrayList", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
            "java.util.CollSer",
            // as the element type of arrays only: instances must still be of an allowed class
            "java.util.Map$Entry");
    private static final String PAYLOAD = SmilePayload.class.getName();

    private SafeDeserialization() {
    }

    /** The filter; {@code rejection} receives the reason when it rejects something. */
    static ObjectInputFilter filter(long maxBytes, StringBuilder rejection) {
        return info -> {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > maxBytes
                    || info.arrayLength() > MAX_ARRAY || info.arrayLength() > maxArrayLength(info.serialClass(),
                            maxBytes)) {
                rejection.setLength(0);
                rejection.append("a limit was exceeded (depth ").append(info.depth()).append(" of ").append(MAX_DEPTH)
                        .append(", references ").append(info.references()).append(", array length ")
                        .append(info.arrayLength()).append(" of at most ").append(Math.min(MAX_ARRAY,
                                maxArrayLength(info.serialClass(), maxBytes))).append(")");
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || allowed(type.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            rejection.setLength(0);
            rejection.append("class ").append(type.getName()).append(" is not allowed");
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    /**
     * The longest array of {@code type} a stream of {@code streamBytes} can hold. The array is allocated
     * before its elements are read, so without this bound a few bytes claiming a long array would
     * allocate gigabytes: each element takes at least its own size in the stream (one byte for a
     * reference, a null's tag).
     */
    static long maxArrayLength(Class<?> type, long streamBytes) {
        if (type == null || !type.isArray()) {
            return Long.MAX_VALUE;
        }
        Class<?> element = type.getComponentType();
        int size = element == long.class || element == double.class ? Long.BYTES
                : element == int.class || element == float.class ? Integer.BYTES
                : element == short.class || element == char.class ? Short.BYTES : 1;
        return streamBytes / size;
    }

    /** Whether a class may be deserialized. */
    static boolean allowed(String className) {
        return className.startsWith("smile.") || className.equals(PAYLOAD) || JDK_CLASSES.contains(className);
    }

    /**
     * Reads one object.
     *
     * @throws IllegalArgumentException naming the rejected class or limit, or the stream problem
     */
    public static Object read(byte[] bytes) {
        StringBuilder rejection = new StringBuilder();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter(bytes.length, rejection));
            Object value = in.readObject();
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the serialized model");
            }
            return value;
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("refused by the deserialization allow-list: " + rejection
                    + " (only Smile's classes and plain JDK values may appear in a Smile model)", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a readable serialized Smile model: " + e, e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the serialized model nests too deeply", e);
        }
    }
}

package dev.mlops.tracking.store;

import dev.mlops.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names that users give (experiments, runs, models, artifacts) and that become path segments in the
 * store. A name is checked against an allow-list, not a deny-list: ASCII letters, digits, {@code .},
 * {@code _} and {@code -}, starting with a letter or digit, at most {@value #MAX_LENGTH} characters,
 * not ending with a dot, and not a Windows device name. Paths are then resolved one segment at a
 * time, each checked to be a direct child of the previous one and not a symbolic link, so no name
 * can read or write outside the store's root whatever encoding tricks it tries.
 */
public final class StoreNames {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 250;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    private StoreNames() {
    }

    /**
     * Checks one name.
     *
     * @param kind what the name is for, such as "experiment name", used in the error
     * @return the name, unchanged
     * @throws InvalidInputException saying why the name is refused
     */
    public static String check(String kind, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidInputException(kind, List.of(new InvalidInputException.Problem(kind, problem)));
        }
        return name;
    }

    /** Why {@code name} is refused, or null when it is accepted. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "has " + name.length() + " characters; at most " + MAX_LENGTH + " are allowed";
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "'" + printable(name) + "' may hold only ASCII letters, digits, '.', '_' and '-', and must start"
                    + " with a letter or digit";
        }
        if (name.endsWith(".")) {
            return "'" + name + "' must not end with a dot";
        }
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            return "'" + name + "' is a reserved device name on Windows";
        }
        return null;
    }

    /**
     * The path of {@code segments} under {@code root}, each segment checked by {@link #check} and
     * resolved as a direct child of the previous one; existing segments must not be symbolic links.
     *
     * @throws InvalidInputException if a segment is refused
     * @throws IOException           if a segment exists as a symbolic link or escapes the root anyway
     */
    public static Path resolve(Path root, String kind, String... segments) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path current = base;
        for (String segment : segments) {
            check(kind, segment);
            Path child = current.resolve(segment).normalize();
            if (!current.equals(child.getParent()) || !child.startsWith(base)) {
                throw new IOException("'" + segment + "' does not resolve to a child of " + current);
            }
            if (Files.isSymbolicLink(child)) {
                throw new IOException(child + " is a symbolic link; the store does not follow links");
            }
            if (Files.exists(child, LinkOption.NOFOLLOW_LINKS) && Files.exists(child)
                    && !child.toRealPath().startsWith(base.toRealPath())) {
                throw new IOException(child + " resolves outside the store root " + base);
            }
            current = child;
        }
        return current;
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                text.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return name.length() > 60 ? text + "..." : text.toString();
    }
}

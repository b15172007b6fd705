package dev.mlops.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Facts about this SDK that stores and bundles record, read once from the properties the build
 * filters into {@code mlops-api}.
 *
 * @since 0.1
 */
public final class Sdk {

    private static final String VERSION = readVersion();

    private Sdk() {
    }

    /** This SDK's version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a built jar. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Sdk.class.getResourceAsStream("/dev/mlops/api/sdk.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}

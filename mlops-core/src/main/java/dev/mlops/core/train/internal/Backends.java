package dev.mlops.core.train.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.common.xgboost.XGBoostModel;

/** The versions of the backend libraries on the class path, which bundles record and check. */
public final class Backends {

    private static final String XGBOOST = versionOf("ml.dmlc", "xgboost4j_2.12");
    private static final String SMILE = versionOf("com.github.haifengl", "smile-core");

    private Backends() {
    }

    /** Tribuo's version, and xgboost4j's for an XGBoost model (its files do not survive a version change). */
    public static Map<String, String> tribuoVersions(Model<?> model) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("tribuo", Tribuo.VERSION);
        if (model instanceof XGBoostModel) {
            versions.put("xgboost4j", XGBOOST);
        }
        return versions;
    }

    /** Every backend library's version on this class path. */
    public static Map<String, String> runtimeVersions() {
        return Map.of("tribuo", Tribuo.VERSION, "xgboost4j", XGBOOST, "smile", SMILE);
    }

    /** Smile's version. */
    public static Map<String, String> smileVersions() {
        return Map.of("smile", SMILE);
    }


    /** The version a library's jar declares in its Maven metadata, or "unknown". */
    static String versionOf(String group, String artifact) {
        return versionIn("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
    }

    private static String versionIn(String resource) {
        try (InputStream in = Backends.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

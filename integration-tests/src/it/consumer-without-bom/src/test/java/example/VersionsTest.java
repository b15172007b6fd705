package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the BOM, mlops-core's own direct dependencies still decide the versions that matter. */
class VersionsTest {

    @Test
    void mlopsCoreAloneBringsTheTestedVersions() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        for (String jar : List.of("xgboost4j_2.12-3.4.0.jar", "commons-beanutils-1.11.0.jar")) {
            assertTrue(classPath.stream().anyMatch(p -> p.endsWith(jar)), jar + " is not on the class path: " + classPath);
        }
    }
}

package dev.mlops.tracking.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a run ran on: JDK, OS, CPU count, the SDK's and its libraries' versions and, where the
 * working directory is a git checkout, the commit and whether the tree had uncommitted changes.
 */
public final class Environment {

    private static final Map<String, String> LIBRARIES = Map.of(
            "jackson", "com.fasterxml.jackson.databind.ObjectMapper",
            "caffeine", "com.github.benmanes.caffeine.cache.Caffeine",
            "commons-csv", "org.apache.commons.csv.CSVFormat",
            "tribuo", "org.tribuo.Model",
            "smile", "smile.data.DataFrame");

    private Environment() {
    }

    /** The environment now, with git details for {@code workingDirectory} (skipped when null). */
    public static Map<String, String> capture(Path workingDirectory) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("java.version", System.getProperty("java.version", "unknown"));
        environment.put("java.vendor", System.getProperty("java.vendor", "unknown"));
        environment.put("java.vm", System.getProperty("java.vm.name", "unknown"));
        environment.put("os.name", System.getProperty("os.name", "unknown"));
        environment.put("os.version", System.getProperty("os.version", "unknown"));
        environment.put("os.arch", System.getProperty("os.arch", "unknown"));
        environment.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("max.heap.bytes", Long.toString(Runtime.getRuntime().maxMemory()));
        environment.put("sdk.version", sdkVersion());
        LIBRARIES.forEach((name, className) -> libraryVersion(className)
                .ifPresent(version -> environment.put("library." + name, version)));
        if (workingDirectory != null) {
            environment.putAll(git(workingDirectory));
        }
        // system properties and git output are not ours to refuse, but must stay storable as UTF-8
        environment.replaceAll((key, value) -> Limits.repaired(value));
        return environment;
    }

    /** The SDK version (read once, by the api). */
    public static String sdkVersion() {
        return dev.mlops.api.Sdk.version();
    }

    private static java.util.Optional<String> libraryVersion(String className) {
        try {
            Class<?> type = Class.forName(className, false, Environment.class.getClassLoader());
            String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
            if (version == null) {
                version = versionFromJarName(type);
            }
            return java.util.Optional.ofNullable(version);
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    private static String versionFromJarName(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            String jar = Path.of(source.getLocation().toURI()).getFileName().toString();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("-(\\d[\\w.\\-]*)\\.jar$").matcher(jar);
            return matcher.find() ? matcher.group(1) : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The commit and dirty flag, when {@code directory} is in a git checkout and git is installed. */
    public static Map<String, String> git(Path directory) {
        Map<String, String> result = new TreeMap<>();
        String commit = run(directory, "git", "rev-parse", "HEAD");
        if (commit == null || !commit.matches("[0-9a-f]{40,64}")) {
            return result;
        }
        result.put("git.commit", commit);
        String status = run(directory, "git", "status", "--porcelain", "--untracked-files=no");
        if (status != null) {
            result.put("git.dirty", Boolean.toString(!status.isEmpty()));
        }
        return result;
    }

    private static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null; // git is not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

}

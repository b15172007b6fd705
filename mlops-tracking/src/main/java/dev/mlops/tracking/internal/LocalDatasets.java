package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import dev.mlops.tracking.store.DatasetRules;
import com.github.benmanes.caffeine.cache.Cache;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.api.DatasetFingerprint;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataset versions of the file store. A version's content is the frame written as CSV (which reads
 * back, with the stored schema, as an equal frame) in the blob store, so equal content is stored
 * once whatever name it is logged under; the frame's fingerprint decides whether content is new.
 * Versions never change once written, so they are cached.
 */
final class LocalDatasets implements Datasets {

    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

    private static final Logger LOG = LoggerFactory.getLogger(LocalDatasets.class);

    private final FileStore store;
    private final Cache<String, DatasetDocument> documents = Caffeine.newBuilder().maximumSize(10_000).build();

    LocalDatasets(FileStore store) {
        this.store = store;
    }

    @Override
    public DatasetVersion log(String name, Frame frame, DatasetOrigin origin) {
        DatasetRules.check(name, frame);
        DatasetRules.check(origin);
        DatasetFingerprint fingerprint = frame.fingerprint();
        Path directory = store.resolve("dataset name", "datasets", name);
        Optional<DatasetDocument> stored = intactVersionOf(name, fingerprint);
        if (stored.isPresent()) {
            return toVersion(stored.get()); // nothing to write, so no lock: works on a read-only store
        }
        return store.withLock(directory.resolve("dataset.lock"), () -> {
            List<DatasetDocument> existing = documents(name);
            Optional<DatasetDocument> intact = intactVersionOf(name, fingerprint);
            if (intact.isPresent()) {
                return toVersion(intact.get());
            }
            Blobs.Stored content = store.blobs().put(DatasetRules.encode(name, frame));
            String profile = DatasetRules.profile(frame);
            String profileSha = profile == null ? null
                    : store.blobs().put(profile.getBytes(StandardCharsets.UTF_8)).sha256();
            Optional<DatasetDocument> same = existing.stream()
                    .filter(d -> d.fingerprint().equals(fingerprint.sha256())).findFirst();
            if (same.isPresent()) {
                return toVersion(healed(same.get(), profileSha)); // its damaged content was just stored again
            }
            int version = highestVersionFile(name) + 1;
            DatasetDocument document = new DatasetDocument(DatasetDocument.FORMAT, name, version, fingerprint.sha256(),
                    schemaTree(frame.schema()), frame.rowCount(), content.sha256(), profileSha,
                    store.options().clock().instant(), origin);
            store.writeJson(directory.resolve("versions").resolve(version + ".json"), document);
            return toVersion(document);
        });
    }

    /**
     * Writes {@code version} as it is (a copy from another store): its number, instant, origin and
     * profile. Refused when the name already has that version or the content is not the version's.
     */
    void put(DatasetVersion version, Frame frame, String profileJson, DatasetOrigin origin) {
        DatasetRules.check(version.name(), frame);
        DatasetRules.check(origin);
        if (!frame.fingerprint().sha256().equals(version.fingerprint().sha256())) {
            throw new StoreException("the content given for dataset " + version.reference() + " has fingerprint "
                    + frame.fingerprint().sha256() + ", not the version's " + version.fingerprint().sha256());
        }
        Path directory = store.resolve("dataset name", "datasets", version.name());
        Path file = directory.resolve("versions").resolve(version.version() + ".json");
        store.withLock(directory.resolve("dataset.lock"), () -> {
            if (StorePaths.exists(file)) {
                throw new ConflictException("dataset " + version.reference() + " exists already");
            }
            String content = store.blobs().put(DatasetRules.encode(version.name(), frame)).sha256();
            String profileSha = profileJson == null ? null
                    : store.blobs().put(profileJson.getBytes(StandardCharsets.UTF_8)).sha256();
            store.writeJson(file, new DatasetDocument(DatasetDocument.FORMAT, version.name(), version.version(),
                    version.fingerprint().sha256(), schemaTree(frame.schema()), frame.rowCount(), content, profileSha,
                    version.created(), origin));
            return null;
        });
    }

    @Override
    public DatasetVersion version(String reference) {
        return toVersion(document(reference));
    }

    @Override
    public List<DatasetVersion> versions(String name) {
        StoreNames.check("dataset name", name);
        return documents(name).stream().map(this::toVersion).toList();
    }

    @Override
    public Optional<DatasetVersion> latest(String name) {
        List<DatasetVersion> all = versions(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public List<String> names() {
        Path directory = store.root().resolve("datasets");
        List<String> names = new ArrayList<>();
        for (String name : store.childNames(directory, "versions")) {
            names.add(name);
        }
        return names;
    }

    @Override
    public Frame load(DatasetVersion version) {
        DatasetDocument document = document(version.reference());
        return DatasetRules.decode(store.blobs().get(document.contentSha256()), toVersion(document),
                store.blobs().path(document.contentSha256()).toString());
    }

    @Override
    public Optional<DatasetOrigin> origin(DatasetVersion version) {
        return Optional.ofNullable(document(version.reference()).origin());
    }

    @Override
    public Optional<String> profileJson(DatasetVersion version) {
        DatasetDocument document = document(version.reference());
        if (document.profileSha256() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(store.blobs().get(document.profileSha256()), StandardCharsets.UTF_8));
    }

    private DatasetDocument document(String reference) {
        DatasetRules.Reference parsed = DatasetRules.reference(reference);
        String name = parsed.name();
        int version = parsed.version();
        DatasetDocument cached = documents.getIfPresent(reference);
        if (cached != null) {
            return cached;
        }
        Path file = store.resolve("dataset name", "datasets", name).resolve("versions").resolve(version + ".json");
        DatasetDocument document = store.readJson(file, DatasetDocument.class)
                .orElseThrow(() -> new NotFoundException("dataset " + name + " has no version " + version));
        check(document, file, name, version);
        schema(document); // refused here, so listings leave a version with a broken schema out
        documents.put(reference, document);
        return document;
    }

    /** The version holding exactly this content, with its content and profile intact. */
    private Optional<DatasetDocument> intactVersionOf(String name, DatasetFingerprint fingerprint) {
        return documents(name).stream().filter(d -> d.fingerprint().equals(fingerprint.sha256()))
                .filter(d -> store.blobs().intact(d.contentSha256()))
                .filter(d -> d.profileSha256() == null || store.blobs().intact(d.profileSha256()))
                .findFirst();
    }

    /**
     * {@code document} pointing at the profile just stored, when its own profile was damaged and
     * the profile computed now has other bytes (a newer profiler): a profile is derived data, so
     * the version's record of it may be replaced; its content never is.
     */
    private DatasetDocument healed(DatasetDocument document, String profileSha) {
        if (document.profileSha256() == null || profileSha == null || profileSha.equals(document.profileSha256())
                || store.blobs().intact(document.profileSha256())) {
            return document;
        }
        DatasetDocument repaired = new DatasetDocument(document.format(), document.name(), document.version(),
                document.fingerprint(), document.schema(), document.rowCount(), document.contentSha256(), profileSha,
                document.created(), document.origin());
        store.writeJson(store.resolve("dataset name", "datasets", document.name()).resolve("versions")
                .resolve(document.version() + ".json"), repaired);
        documents.invalidate(document.name() + "/" + document.version());
        return repaired;
    }

    private List<DatasetDocument> documents(String name) {
        Path directory = store.paths().forReading(store.resolve("dataset name", "datasets", name).resolve("versions"));
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<DatasetDocument> result = new ArrayList<>();
        for (int version : versionNumbers(directory)) {
            try {
                result.add(document(name + "/" + version));
            } catch (StoreException e) {
                LOG.warn("dataset version {}/{} is left out: {}", name, version, e.getMessage());
            }
        }
        result.sort(Comparator.comparingInt(DatasetDocument::version));
        return result;
    }

    /** The highest version number with a file, readable or not: a damaged version's number stays taken. */
    private int highestVersionFile(String name) {
        Path directory = store.paths().forReading(store.resolve("dataset name", "datasets", name).resolve("versions"));
        List<Integer> numbers = Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) ? versionNumbers(directory)
                : List.of();
        return numbers.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static List<Integer> versionNumbers(Path directory) {
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return numbers;
    }

    private DatasetVersion toVersion(DatasetDocument document) {
        return DatasetRules.version(document.name(), document.version(), document.fingerprint(), schema(document),
                document.rowCount(), document.created());
    }

    private static Schema schema(DatasetDocument document) {
        return DatasetRules.schema(document.schema().toString(), document.name() + "/" + document.version());
    }

    private static void check(DatasetDocument document, Path file, String name, int version) {
        if (!document.name().equals(name) || document.version() != version) {
            throw new StoreException(file + " claims to be " + document.name() + "/" + document.version()
                    + ", not " + name + "/" + version);
        }
        if (!document.fingerprint().matches("[0-9a-f]{64}") || document.rowCount() < 0) {
            throw new StoreException(file + " holds an invalid fingerprint or row count");
        }
    }

    private static JsonNode schemaTree(Schema schema) {
        try {
            return StoreJson.parse(DatasetRules.schemaJson(schema).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    JsonNode.class, "the frame codec's schema");
        } catch (StoreException e) {
            throw new StoreException("the frame codec wrote a schema that is not JSON: " + e.getMessage(), e);
        }
    }
}

package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.StoreJson;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A review queue in the file store: {@code reviews/<name>/queue.log}, an append-only record log
 * ({@link RecordLog}: length, CRC32C, payload) of two kinds of entry, an item queued and an item
 * reviewed. Each write holds the queue's lock (threads and processes), reads what others appended
 * since, decides, and appends its entry at the end of the last valid record, forced to disk before
 * the call returns: that is its acknowledgement. A writer killed mid-append leaves a torn tail that
 * the next writer cuts off and every reader skips; damage in the middle of the log (a flipped byte
 * with entries after it) is a {@link StoreException}, and nothing is cut off. The state is the replay of the log, kept in
 * memory and brought up to date from where it was last read.
 */
final class LocalReviewQueue implements ReviewQueue {

    /** One log entry: {@code item} for a queued item, {@code review} for a label. */
    record Entry(String kind, ReviewItem item, ReviewedItem review) {
    }

    private final FileStore store;
    private final String name;
    private final int capacity;
    private final Path log;
    private final Path lock;
    private final Map<String, ReviewItem> pending = new LinkedHashMap<>();
    private final Map<String, ReviewedItem> reviewed = new LinkedHashMap<>();
    private long applied;

    LocalReviewQueue(FileStore store, String name, int capacity) {
        this.store = store;
        this.name = name;
        this.capacity = capacity;
        Path directory = store.resolve("review queue name", "reviews", name);
        this.log = directory.resolve("queue.log");
        this.lock = directory.resolve("queue.lock");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean offer(ReviewItem item) {
        Objects.requireNonNull(item, "item");
        Limits.reviewItem(item.id(), StoreJson.bytes(item));
        return store.withLock(lock, "cannot queue in " + log, () -> {
            synchronized (this) {
                catchUp();
                if (pending.containsKey(item.id()) || reviewed.containsKey(item.id()) || pending.size() >= capacity) {
                    return false;
                }
                append(new Entry("item", item, null));
                return true;
            }
        });
    }

    @Override
    public synchronized List<ReviewItem> pending(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a limit is not negative: " + limit);
        }
        catchUp();
        return pending.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized int pendingCount() {
        catchUp();
        return pending.size();
    }

    @Override
    public ReviewedItem review(String id, Object label, String reason, String reviewer) {
        Objects.requireNonNull(id, "id");
        return store.withLock(lock, "cannot record a review in " + log, () -> {
            synchronized (this) {
                catchUp();
                if (reviewed.containsKey(id)) {
                    throw new ConflictException("item '" + id + "' of review queue '" + name + "' was reviewed by "
                            + reviewed.get(id).reviewer() + " already");
                }
                ReviewItem item = pending.get(id);
                if (item == null) {
                    throw new NotFoundException("review queue '" + name + "' has no item '" + id + "'");
                }
                ReviewedItem done = new ReviewedItem(item, label, reason, reviewer, store.options().clock().instant());
                Limits.review(id, StoreJson.bytes(item), StoreJson.bytes(done));
                append(new Entry("review", null, done));
                return done;
            }
        });
    }

    @Override
    public synchronized List<ReviewedItem> reviewed() {
        catchUp();
        return List.copyOf(reviewed.values());
    }

    /**
     * Writes the queue as another store holds it (a copy): its waiting items in order, and its
     * reviewed items in the order reviewed, forced to disk at once. Refused unless the queue is empty.
     */
    void restore(List<ReviewItem> waiting, List<ReviewedItem> done) {
        store.withLock(lock, "cannot write " + log, () -> {
            synchronized (this) {
                catchUp();
                if (!pending.isEmpty() || !reviewed.isEmpty()) {
                    throw new ConflictException("review queue '" + name + "' holds items already");
                }
                List<Entry> entries = new ArrayList<>();
                done.forEach(r -> entries.add(new Entry("item", r.item(), null)));
                waiting.forEach(item -> entries.add(new Entry("item", item, null)));
                done.forEach(r -> entries.add(new Entry("review", null, r)));
                RecordLog writer = store.openLog(log, false);
                try {
                    for (Entry entry : entries) {
                        writer.append(StoreJson.bytes(entry));
                    }
                    writer.sync();
                } finally {
                    writer.close();
                }
                catchUp();
                return null;
            }
        });
    }

    /** Appends {@code entry} after the last valid record, forced to disk, and applies it. Under the lock. */
    private void append(Entry entry) throws IOException {
        applied = RecordLog.appendAt(store.paths().forAppending(log), applied, StoreJson.bytes(entry));
        apply(entry);
    }

    /** Applies what was appended since the last read; a torn tail is left for the next writer to cut off. */
    private void catchUp() {
        RecordLog.Contents tail = store.readLog(log, applied);
        if (tail.validLength() < applied) {
            throw new StoreException(log + " is shorter than the " + applied + " bytes read before: it was"
                    + " truncated or replaced by hand");
        }
        if (tail.hasInvalidTail()) {
            boolean torn;
            try {
                torn = RecordLog.tornTail(store.paths().forReading(log), tail);
            } catch (IOException e) {
                throw new StoreException("cannot read " + log + ": " + e.getMessage(), e);
            }
            if (!torn) { // damage with entries after it: never read past it silently, never cut it off
                throw new StoreException(log + " is damaged: " + tail.problem() + ", and entries follow it;"
                        + " restore the file from a backup");
            }
        }
        long offset = applied;
        for (byte[] record : tail.records()) {
            apply(StoreJson.parse(record, Entry.class, log + " (entry at byte " + offset + ")"));
            offset += 8 + record.length;
        }
        applied = tail.validLength();
    }

    private void apply(Entry entry) {
        if ("item".equals(entry.kind()) && entry.item() != null) {
            ReviewItem item = entry.item();
            if (!reviewed.containsKey(item.id())) {
                pending.putIfAbsent(item.id(), item);
            }
        } else if ("review".equals(entry.kind()) && entry.review() != null) {
            String id = entry.review().item().id();
            pending.remove(id);
            reviewed.putIfAbsent(id, entry.review());
        } else {
            throw new StoreException(log + " holds an entry of unknown kind '" + entry.kind() + "'");
        }
    }

    @Override
    public String toString() {
        return "ReviewQueue[" + name + ", " + pendingCount() + " waiting of " + capacity + "]";
    }

}

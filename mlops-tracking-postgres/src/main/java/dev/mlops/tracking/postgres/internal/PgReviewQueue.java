package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.StoreJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A review queue of the PostgreSQL store: a row per item (its JSON, and once reviewed the review's).
 * Every write locks the queue's row first, so the capacity holds and an item is labelled once
 * across clients; a call that returns has committed (the acknowledgement survives a crash of the
 * client or of the database).
 */
final class PgReviewQueue implements ReviewQueue {

    private final PgTracker store;
    private final Database db;
    private final String name;
    private final int capacity;

    PgReviewQueue(PgTracker store, String name, int capacity) {
        this.store = store;
        this.db = store.database();
        this.name = name;
        this.capacity = capacity;
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
        String json = StoreJson.text(item);
        Limits.reviewItem(item.id(), json.getBytes(StandardCharsets.UTF_8));
        return db.transaction("queue an item in " + name, c -> {
            lockQueue(c);
            try (PreparedStatement seen = c.prepareStatement("select 1 from " + db.table("review_items")
                    + " where queue = ? and id = ?")) {
                seen.setString(1, name);
                seen.setString(2, item.id());
                try (ResultSet r = seen.executeQuery()) {
                    if (r.next()) {
                        return false; // queued or reviewed already
                    }
                }
            }
            if (count(c) >= capacity) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("review_items")
                    + " (queue, id, item) values (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, item.id());
                insert.setString(3, json);
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<ReviewItem> pending(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a limit is not negative: " + limit);
        }
        return db.transaction("list the items of " + name, c -> {
            List<ReviewItem> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, item from " + db.table("review_items")
                    + " where queue = ? and reviewed is null order by seq limit ?")) {
                select.setString(1, name);
                select.setInt(2, limit);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        items.add(parse(r.getString(2), ReviewItem.class, r.getString(1)));
                    }
                }
            }
            return items;
        });
    }

    @Override
    public int pendingCount() {
        return db.transaction("count the items of " + name, this::count);
    }

    @Override
    public ReviewedItem review(String id, Object label, String reason, String reviewer) {
        Objects.requireNonNull(id, "id");
        return db.transaction("record a review in " + name, c -> {
            lockQueue(c);
            String itemJson;
            String reviewedJson;
            try (PreparedStatement select = c.prepareStatement("select item, reviewed from "
                    + db.table("review_items") + " where queue = ? and id = ?")) {
                select.setString(1, name);
                select.setString(2, id);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw new NotFoundException("review queue '" + name + "' has no item '" + id + "'");
                    }
                    itemJson = r.getString(1);
                    reviewedJson = r.getString(2);
                }
            }
            if (reviewedJson != null) {
                throw new ConflictException("item '" + id + "' of review queue '" + name + "' was reviewed by "
                        + parse(reviewedJson, ReviewedItem.class, id).reviewer() + " already");
            }
            ReviewedItem done = new ReviewedItem(parse(itemJson, ReviewItem.class, id), label, reason, reviewer,
                    store.options().clock().instant());
            String doneJson = StoreJson.text(done);
            Limits.review(id, itemJson.getBytes(StandardCharsets.UTF_8), doneJson.getBytes(StandardCharsets.UTF_8));
            try (PreparedStatement update = c.prepareStatement("update " + db.table("review_items")
                    + " set reviewed = ?, reviewed_order = (select coalesce(max(reviewed_order), 0) + 1 from "
                    + db.table("review_items") + " where queue = ?) where queue = ? and id = ?")) {
                update.setString(1, doneJson);
                update.setString(2, name);
                update.setString(3, name);
                update.setString(4, id);
                update.executeUpdate();
            }
            return done;
        });
    }

    @Override
    public List<ReviewedItem> reviewed() {
        return db.transaction("list the reviews of " + name, c -> {
            List<ReviewedItem> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, reviewed from "
                    + db.table("review_items") + " where queue = ? and reviewed is not null order by reviewed_order")) {
                select.setString(1, name);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        items.add(parse(r.getString(2), ReviewedItem.class, r.getString(1)));
                    }
                }
            }
            return items;
        });
    }

    private void lockQueue(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("review_queues")
                + " (name) values (?) on conflict (name) do nothing")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
        try (PreparedStatement lock = c.prepareStatement("select name from " + db.table("review_queues")
                + " where name = ? for update")) {
            lock.setString(1, name);
            lock.executeQuery().close();
        }
    }

    private int count(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from " + db.table("review_items")
                + " where queue = ? and reviewed is null")) {
            select.setString(1, name);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private <T> T parse(String json, Class<T> type, String id) {
        return StoreJson.parse(json.getBytes(StandardCharsets.UTF_8), type, "item '" + id + "' of review queue '"
                + name + "'");
    }

    @Override
    public String toString() {
        return "ReviewQueue[" + name + ", " + pendingCount() + " waiting of " + capacity + "]";
    }
}

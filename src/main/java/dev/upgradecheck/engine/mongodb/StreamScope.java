package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

import java.util.Set;

/**
 * Where a change stream is opened: a whole database ({@code shop}) or one collection ({@code shop.orders}).
 * The first dot separates the two, since collection names may hold dots and database names may not.
 */
public record StreamScope(String database, String collection) {

    /** Change streams cannot be opened on these (the server refuses them). */
    static final Set<String> INTERNAL_DATABASES = Set.of("admin", "local", "config");

    public StreamScope {
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("a database name is required");
        }
        if (collection != null && collection.isEmpty()) {
            collection = null;
        }
    }

    public static StreamScope database(String name) {
        return new StreamScope(name, null);
    }

    /** Parses {@code --collections} entries: {@code db.collection}, both parts required. */
    public static StreamScope parseCollection(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1 || t.length() > 255 || t.indexOf('\0') >= 0
                || t.substring(0, dot).matches(".*[/\\\\ \"$].*")) {
            throw new BadInputException("invalid collection '" + UserText.shown(t, 60)
                    + "': write db.collection, e.g. shop.orders");
        }
        return new StreamScope(t.substring(0, dot), t.substring(dot + 1));
    }

    /** The baseline's form: {@code db} or {@code db.collection}. */
    public static StreamScope parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("a change stream scope needs a database name: write db or db.collection");
        }
        return text.contains(".") ? parseCollection(text) : database(text);
    }

    public boolean isCollection() {
        return collection != null;
    }

    @Override
    public String toString() {
        return collection == null ? database : database + "." + collection;
    }
}

package dev.upgradecheck.engine.mongodb;

import org.bson.Document;

import java.util.List;

/**
 * A user's effective privileges, as {@code connectionStatus} or {@code usersInfo} with {@code showPrivileges} list
 * them: resource documents with their actions. {@code {db: "", collection: ""}} (what readAnyDatabase grants) covers
 * every database but local and config, and no {@code system.*} collection.
 */
record Privileges(List<Document> entries) {

    boolean allows(String action, String db, String collection) {
        for (Document p : entries) {
            List<String> actions = p.getList("actions", String.class, List.of());
            Document resource = p.get("resource", Document.class);
            if (resource != null && actions.contains(action) && covers(resource, db, collection)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(Document resource, String db, String collection) {
        if (Boolean.TRUE.equals(resource.getBoolean("anyResource"))) {
            return true;
        }
        if (!(resource.get("db") instanceof String rdb) || !(resource.get("collection") instanceof String rcoll)) {
            return false; // {cluster: true}
        }
        boolean dbMatches = rdb.equals(db) || (rdb.isEmpty() && !db.equals("local") && !db.equals("config"));
        if (!dbMatches) {
            return false;
        }
        if (collection == null) {
            return rcoll.isEmpty();
        }
        return rcoll.isEmpty() ? !collection.startsWith("system.") : rcoll.equals(collection);
    }
}

package dev.upgradecheck.engine.mongodb;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** The databases the connected user may read, as {@code listDatabases} answers (no privilege needed for it). */
final class ReadableDatabases {

    /** {@code authorizedDatabases} (4.0.5+) lists only what the user can read instead of failing without listDatabases. */
    static final String COMMAND = """
            { listDatabases: 1, nameOnly: true, authorizedDatabases: true }
            """;

    private ReadableDatabases() {
    }

    static List<String> list(MongoContext ctx) {
        return ctx.once("listDatabases", () -> {
            Document reply = ctx.run("admin", COMMAND, "readAnyDatabase", "admin");
            List<String> names = new ArrayList<>();
            for (Document db : reply.getList("databases", Document.class, List.of())) {
                names.add(db.getString("name"));
            }
            return names;
        });
    }
}

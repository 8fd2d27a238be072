package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.engine.TargetOption;

import java.util.List;

/** The option only MongoDB reads: the collections its change stream captures. */
final class MongoOptions {

    static final TargetOption<List<String>> COLLECTIONS = TargetOption.names("collections", "DB.COLLECTION",
            "Captured collections (MongoDB).");

    private MongoOptions() {
    }
}

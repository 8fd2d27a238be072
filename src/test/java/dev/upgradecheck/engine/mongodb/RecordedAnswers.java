package dev.upgradecheck.engine.mongodb;

/**
 * Server replies in the shapes MongoDB's documentation shows for each command (hosts and times adapted),
 * for the commands mongo-java-server does not implement.
 */
final class RecordedAnswers {

    private RecordedAnswers() {
    }

    /** hello on the primary of a three-member replica set (MongoDB 6.0). */
    static final String HELLO_PRIMARY = """
            { "isWritablePrimary": true, "topologyVersion": { "processId": { "$oid": "6512f0a1c3b2e3f4a5b6c7d8" },
              "counter": { "$numberLong": "6" } },
              "hosts": [ "m1.example.net:27017", "m2.example.net:27017", "m3.example.net:27017" ],
              "setName": "rs0", "setVersion": 1, "primary": "m1.example.net:27017", "secondary": false,
              "me": "m1.example.net:27017", "maxBsonObjectSize": 16777216, "maxMessageSizeBytes": 48000000,
              "maxWriteBatchSize": 100000, "localTime": { "$date": "2026-01-01T12:00:00Z" },
              "logicalSessionTimeoutMinutes": 30, "connectionId": 17, "minWireVersion": 0, "maxWireVersion": 17,
              "readOnly": false, "ok": 1 }
            """;

    /** hello through mongos. */
    static final String HELLO_MONGOS = """
            { "isWritablePrimary": true, "msg": "isdbgrid", "maxBsonObjectSize": 16777216,
              "maxMessageSizeBytes": 48000000, "maxWriteBatchSize": 100000,
              "localTime": { "$date": "2026-01-01T12:00:00Z" }, "logicalSessionTimeoutMinutes": 30,
              "connectionId": 5, "maxWireVersion": 17, "minWireVersion": 0, "ok": 1 }
            """;

    static String buildInfo(String version) {
        return "{ \"version\": \"" + version + "\", \"gitVersion\": \"0\", \"modules\": [], \"allocator\": \"tcmalloc\","
                + " \"javascriptEngine\": \"mozjs\", \"sysInfo\": \"deprecated\", \"bits\": 64, \"debug\": false,"
                + " \"maxBsonObjectSize\": 16777216, \"ok\": 1 }";
    }

    /** replSetGetStatus members: PRIMARY at 12:00:00, secondaries behind it by the given seconds. */
    static String replSetStatus(String secondState, double secondHealth, int lagSeconds) {
        return """
                { "set": "rs0", "date": { "$date": "2026-01-01T12:00:01Z" }, "myState": 1, "term": { "$numberLong": "3" },
                  "members": [
                    { "_id": 0, "name": "m1.example.net:27017", "health": 1, "state": 1, "stateStr": "PRIMARY",
                      "uptime": 86400, "optimeDate": { "$date": "2026-01-01T12:00:00Z" }, "self": true },
                    { "_id": 1, "name": "m2.example.net:27017", "health": %s, "state": 2, "stateStr": "%s",
                      "uptime": 86400, "optimeDate": { "$date": "2026-01-01T12:00:00Z" } },
                    { "_id": 2, "name": "m3.example.net:27017", "health": 1, "state": 2, "stateStr": "SECONDARY",
                      "uptime": 86400, "optimeDate": { "$date": "%s" } } ],
                  "ok": 1 }
                """.formatted(secondHealth, secondState,
                        java.time.Instant.parse("2026-01-01T12:00:00Z").minusSeconds(lagSeconds));
    }

    static String fcv(String version) {
        return "{ \"featureCompatibilityVersion\": { \"version\": \"" + version + "\" }, \"ok\": 1 }";
    }

    static final String FCV_UPGRADING = """
            { "featureCompatibilityVersion": { "version": "6.0", "targetVersion": "7.0" }, "ok": 1 }
            """;

    /** connectionStatus with showPrivileges for a user holding readAnyDatabase and read on local. */
    static final String CONNECTION_STATUS_CDC = """
            { "authInfo": {
                "authenticatedUsers": [ { "user": "cdc", "db": "admin" } ],
                "authenticatedUserRoles": [ { "role": "readAnyDatabase", "db": "admin" }, { "role": "read", "db": "local" } ],
                "authenticatedUserPrivileges": [
                  { "resource": { "db": "", "collection": "" },
                    "actions": [ "changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors", "listCollections", "listIndexes" ] },
                  { "resource": { "cluster": true }, "actions": [ "listDatabases" ] },
                  { "resource": { "db": "local", "collection": "" },
                    "actions": [ "changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors", "listCollections", "listIndexes" ] } ] },
              "ok": 1 }
            """;

    /** The same user with readAnyDatabase only: it does not reach local. */
    static final String CONNECTION_STATUS_NO_LOCAL = """
            { "authInfo": {
                "authenticatedUsers": [ { "user": "cdc", "db": "admin" } ],
                "authenticatedUserRoles": [ { "role": "readAnyDatabase", "db": "admin" } ],
                "authenticatedUserPrivileges": [
                  { "resource": { "db": "", "collection": "" },
                    "actions": [ "changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors", "listCollections", "listIndexes" ] },
                  { "resource": { "cluster": true }, "actions": [ "listDatabases" ] } ] },
              "ok": 1 }
            """;

    static final String LIST_DATABASES = """
            { "databases": [ { "name": "admin" }, { "name": "config" }, { "name": "local" }, { "name": "shop" } ], "ok": 1 }
            """;

    static String oplogEntry(String isoTime, int seconds) {
        return "{ \"cursor\": { \"firstBatch\": [ { \"ts\": { \"$timestamp\": { \"t\": " + seconds + ", \"i\": 1 } },"
                + " \"wall\": { \"$date\": \"" + isoTime + "\" } } ], \"id\": { \"$numberLong\": \"0\" },"
                + " \"ns\": \"local.oplog.rs\" }, \"ok\": 1 }";
    }

    /** The aggregate reply that opens a change stream: an empty first batch and the postBatchResumeToken (4.0.7+). */
    static final String STREAM_OPENED = """
            { "cursor": { "firstBatch": [], "postBatchResumeToken": { "_data": "8263A1E3F0000000022B0229296E04" },
              "id": { "$numberLong": "4405620216049843123" }, "ns": "shop.$cmd.aggregate" }, "ok": 1 }
            """;

    static final String HISTORY_LOST = """
            { "ok": 0, "errmsg": "Executor error during getMore :: caused by :: Resume of change stream was not possible, as the resume point may no longer be in the oplog.",
              "code": 286, "codeName": "ChangeStreamHistoryLost" }
            """;

    /**
     * $currentOp (idleCursors) after the engine's $match: the CDC source's change stream on shop.orders, once idle
     * between getMores and once inside one, shaped as the $currentOp output fields are documented (4.2+: the
     * originating command under cursor), with the firstStage field the engine's pipeline adds.
     */
    static final String CURRENT_OP_READER = """
            { "cursor": { "firstBatch": [
                { "type": "idleCursor", "host": "m1.example.net:27017", "ns": "shop.orders",
                  "lsid": { "id": { "$binary": { "base64": "8Vt0cmzAQ2aTeDBwc3wTKg==", "subType": "04" } } },
                  "planSummary": "COLLSCAN",
                  "cursor": { "cursorId": { "$numberLong": "7029335154233823405" },
                    "createdDate": { "$date": "2026-01-01T09:00:00Z" }, "lastAccessDate": { "$date": "2026-01-01T11:59:59Z" },
                    "nDocsReturned": { "$numberLong": "1520" }, "nBatchesReturned": { "$numberLong": "10311" },
                    "noCursorTimeout": false, "tailable": true, "awaitData": true,
                    "originatingCommand": { "aggregate": "orders", "pipeline": [ { "$changeStream": { "fullDocument": "updateLookup" } } ],
                      "cursor": {}, "$db": "shop" },
                    "planSummary": "COLLSCAN" },
                  "firstStage": [ { "k": "$changeStream", "v": { "fullDocument": "updateLookup" } } ] },
                { "type": "op", "host": "m1.example.net:27017", "desc": "conn42", "connectionId": 42,
                  "client": "10.0.4.17:51544", "appName": "cdc-source", "active": true,
                  "effectiveUsers": [ { "user": "cdc", "db": "admin" } ], "opid": 9101, "secs_running": { "$numberLong": "0" },
                  "microsecs_running": { "$numberLong": "812" }, "op": "getmore", "ns": "shop.orders",
                  "command": { "getMore": { "$numberLong": "7029335154233823406" }, "collection": "orders",
                    "maxTimeMS": { "$numberLong": "1000" }, "$db": "shop" },
                  "cursor": { "cursorId": { "$numberLong": "7029335154233823406" },
                    "createdDate": { "$date": "2026-01-01T09:00:00Z" }, "lastAccessDate": { "$date": "2026-01-01T12:00:00Z" },
                    "nDocsReturned": { "$numberLong": "1498" }, "nBatchesReturned": { "$numberLong": "10290" },
                    "noCursorTimeout": false, "tailable": true, "awaitData": true,
                    "originatingCommand": { "aggregate": "orders", "pipeline": [ { "$changeStream": {} } ],
                      "cursor": {}, "$db": "shop" },
                    "operationUsingCursorId": { "$numberLong": "9101" } },
                  "numYields": 0, "locks": {}, "waitingForLock": false,
                  "firstStage": [ { "k": "$changeStream", "v": {} } ] } ],
              "id": { "$numberLong": "0" }, "ns": "admin.$cmd.aggregate" }, "ok": 1 }
            """;

    /** $currentOp with no change-stream cursor left after the $match. */
    static final String CURRENT_OP_NO_READER = """
            { "cursor": { "firstBatch": [], "id": { "$numberLong": "0" }, "ns": "admin.$cmd.aggregate" }, "ok": 1 }
            """;

    static String unauthorized(String db, String command) {
        return "{ \"ok\": 0, \"errmsg\": \"not authorized on " + db + " to execute command { " + command
                + ": 1, $db: \\\"" + db + "\\\" }\", \"code\": 13, \"codeName\": \"Unauthorized\" }";
    }
}

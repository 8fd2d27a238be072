package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;
import org.bson.Document;

import java.util.List;

/** The server's self-description: {@code hello} (4.4.2+), or {@code isMaster}, its name on older servers. */
final class Hello {

    static final String COMMAND = """
            { hello: 1 }
            """;
    static final String LEGACY_COMMAND = """
            { isMaster: 1 }
            """;

    private Hello() {
    }

    static Document run(AdminCommands commands) {
        try {
            return commands.run("admin", Document.parse(COMMAND));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != MongoErrors.COMMAND_NOT_FOUND) {
                throw e;
            }
            return commands.run("admin", Document.parse(LEGACY_COMMAND));
        }
    }

    enum Topology { REPLICA_SET, SHARDED, UNINITIATED_REPLICA_SET, STANDALONE }

    static Topology topology(Document hello) {
        if ("isdbgrid".equals(hello.getString("msg"))) {
            return Topology.SHARDED;
        }
        if (hello.getString("setName") != null) {
            return Topology.REPLICA_SET;
        }
        if (Boolean.TRUE.equals(hello.getBoolean("isreplicaset"))) {
            return Topology.UNINITIATED_REPLICA_SET;
        }
        return Topology.STANDALONE;
    }

    static String role(Document hello) {
        if (Boolean.TRUE.equals(hello.getBoolean("isWritablePrimary")) || Boolean.TRUE.equals(hello.getBoolean("ismaster"))) {
            return "PRIMARY";
        }
        if (Boolean.TRUE.equals(hello.getBoolean("secondary"))) {
            return "SECONDARY";
        }
        return Boolean.TRUE.equals(hello.getBoolean("arbiterOnly")) ? "ARBITER" : "OTHER";
    }

    static List<String> hosts(Document hello) {
        return hello.getList("hosts", String.class, List.of());
    }
}

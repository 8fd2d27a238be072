package dev.upgradecheck.testing.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Debezium connector configurations as a DBA would register them against the servers the tests start. */
public final class DebeziumConfigs {

    // a MariaDB connector joins the server as a replica: each needs a server id no other reader uses
    private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger(5401);

    private DebeziumConfigs() {
    }

    /**
     * Debezium PostgreSQL 3.6 over pgoutput, as user postgres on database postgres, with its own slot and a
     * publication it creates for {@code table} alone; events go to topic {@code <topicPrefix>.<table>}.
     */
    public static Map<String, String> postgres(int port, String topicPrefix, String slot, String publication,
                                               String table) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", "localhost");
        config.put("database.port", String.valueOf(port));
        config.put("database.user", "postgres");
        config.put("database.password", "postgres");
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", topicPrefix);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slot);
        config.put("publication.name", publication);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", table);
        return config;
    }

    /**
     * Debezium MariaDB 3.5 as {@code user}, reading {@code table} (database.table) from the binlog with a snapshot
     * first; its schema history goes to a topic on {@code bootstrapServers}, events to {@code <topicPrefix>.<table>}.
     */
    public static Map<String, String> mariadb(int port, String user, String password, String topicPrefix,
                                              String table, String bootstrapServers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", String.valueOf(port));
        config.put("database.user", user);
        config.put("database.password", password);
        config.put("database.server.id", String.valueOf(NEXT_SERVER_ID.getAndIncrement()));
        config.put("topic.prefix", topicPrefix);
        config.put("database.include.list", table.substring(0, table.indexOf('.')));
        config.put("table.include.list", table);
        config.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
        config.put("schema.history.internal.kafka.topic", "schema-history." + topicPrefix);
        return config;
    }
}

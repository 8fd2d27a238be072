package dev.upgradecheck.testing.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
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
     * Debezium JDBC sink 3.6.0 reading {@code topic} (a Debezium source's change events, schemas included) into the
     * PostgreSQL at {@code port}, database postgres, as postgres: upserts by the record key, applies deletes, and
     * writes the source's own schema.table there; it creates and alters nothing, so that table must exist.
     */
    public static Map<String, String> jdbcSinkToPostgres(int port, String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", "jdbc:postgresql://localhost:" + port + "/postgres");
        config.put("connection.username", "postgres");
        config.put("connection.password", "postgres");
        config.put("insert.mode", "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("collection.name.format", "${source.schema}.${source.table}");
        config.put("schema.evolution", "none");
        return withSchemas(config);
    }

    /**
     * {@code config} with JSON converters that carry each record's schema: the worker's own leave it out, and the
     * JDBC sink needs it to bind columns, so both the source feeding a sink and the sink set these.
     */
    public static Map<String, String> withSchemas(Map<String, String> config) {
        Map<String, String> withSchemas = new LinkedHashMap<>(config);
        for (String side : List.of("key", "value")) {
            withSchemas.put(side + ".converter", "org.apache.kafka.connect.json.JsonConverter");
            withSchemas.put(side + ".converter.schemas.enable", "true");
        }
        return withSchemas;
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

package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.IncludeList;
import dev.upgradecheck.pipeline.PipelineView;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Debezium MySQL/MariaDB connector seen from its source (--connect-url): its class and configuration point
 * at this server and cover the captured tables, and its committed offset can be resumed without a gap.
 */
final class ConnectorChecks {

    static final String SOURCE_ID = "connect.config";
    static final String OFFSET_ID = "connect.offset";
    static final String BINLOG_FILTER_ID = "connect.binlog_filter";

    static final String MYSQL_CONNECTOR = "io.debezium.connector.mysql.MySqlConnector";
    static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";

    /** What the checks see: the live server, its lookups, the connector and the user's options. */
    record Context(MysqlServer server, MysqlCatalog catalog, PipelineView view, TargetOptions options) {
    }

    private ConnectorChecks() {
    }

    static List<Check<Context>> all() {
        return List.of(
                Check.of(SOURCE_ID, "The connector reads this server and the captured tables", ConnectorChecks::source),
                Check.of(OFFSET_ID, "The connector's offset can resume without a gap", ConnectorChecks::offset),
                Check.of(BINLOG_FILTER_ID, "The binlog logs the databases the connector captures",
                        ConnectorChecks::binlogFilter));
    }

    static Outcome source(Context c) {
        PipelineView v = c.view();
        String expectedClass = c.server().isMariadb() ? MARIADB_CONNECTOR : MYSQL_CONNECTOR;
        String observed = v.connector() + ": " + v.connectorClass() + ", database.hostname "
                + v.config().get("database.hostname") + ", database.port " + v.config().get("database.port");
        if (!Set.of(MYSQL_CONNECTOR, MARIADB_CONNECTOR).contains(v.connectorClass())) {
            return Outcome.fail(observed, expectedClass, "This connector does not read a MySQL or MariaDB binlog: is "
                    + "--connector the right one?", null);
        }
        List<String> problems = new ArrayList<>();
        if (!expectedClass.equals(v.connectorClass())) {
            problems.add("this server is " + c.server().flavour().product() + ", which " + expectedClass
                    + " is made for");
        }
        String port = v.config().get("database.port");
        String livePort = c.server().variable("port").orElse(null);
        if (port != null && livePort != null && !port.trim().equals(livePort)) {
            problems.add("database.port " + port + " but this server listens on " + livePort
                    + " (a proxy, or another server?)");
        }
        String replicaId = v.config().get("database.server.id");
        if (replicaId != null && replicaId.trim().equals(c.server().variable("server_id").orElse(null))) {
            problems.add("database.server.id " + replicaId + " is this server's own server_id: the connector must "
                    + "register as a replica with an id no other server uses");
        }
        ReaderOffset.of(v).map(ReaderOffset::serverId).ifPresent(id -> {
            String live = c.server().variable("server_id").orElse(null);
            if (!id.equals(live)) {
                problems.add("the offset's events came from server_id " + id + ", this server is server_id " + live);
            }
        });
        List<String> uncovered = c.options().tables().stream().filter(t -> !included(v, t)).toList();
        if (!uncovered.isEmpty()) {
            problems.add("not in database.include.list / table.include.list: " + String.join(", ", uncovered));
        }
        if (problems.isEmpty()) {
            return Outcome.pass(observed, "database.hostname is not compared: names, proxies and addresses differ; "
                    + "the port, the server ids and the include lists are").expecting(expectedClass);
        }
        return Outcome.warn(observed, expectedClass + " reading this server", String.join("; ", problems) + ".",
                null);
    }

    static Outcome offset(Context c) throws Exception {
        PipelineView v = c.view();
        if (!v.offsetsKnown()) {
            return Outcome.error("the connector's offsets could not be read: " + v.offsetsUnavailable(), null);
        }
        Optional<ReaderOffset> offset = ReaderOffset.of(v);
        if (offset.isEmpty()) {
            return Outcome.warn("no committed binlog offset", "a binlog file/position or GTIDs", "The connector has "
                    + "not committed a binlog position (never ran, or still in its first snapshot): nothing to "
                    + "resume from yet.", null);
        }
        return OffsetAssessment.of(offset.get(), c.server(), c.catalog()).outcome();
    }

    static Outcome binlogFilter(Context c) throws SQLException {
        BinlogFilter filter = c.catalog().binlogFilter();
        Set<String> leftOut = filter.leftOut(c.catalog(), t -> included(c.view(), t));
        String expected = "every database the connector captures in the binlog";
        if (leftOut.isEmpty()) {
            return Outcome.pass(filter.any() ? filter + ": none of the connector's tables is left out"
                    : "no binlog-do-db or binlog-ignore-db").expecting(expected);
        }
        return Outcome.fail(filter.toString(), expected, "The binlog leaves out " + String.join(", ", leftOut)
                + ": changes there never reach the connector, which resumes as if nothing had happened.",
                "Remove the option from the server's configuration and restart it; the tables written while it was "
                        + "set need a snapshot.");
    }

    /** Debezium's include lists: the table's database, then the table itself. */
    static boolean included(PipelineView v, String table) {
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : table;
        return IncludeList.of(v.config().get("database.include.list")).map(l -> l.matches(schema)).orElse(true)
                && IncludeList.of(v.config().get("table.include.list")).map(l -> l.matches(table)).orElse(true);
    }
}

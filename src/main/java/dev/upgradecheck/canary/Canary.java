package dev.upgradecheck.canary;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.reconcile.TableName;
import dev.upgradecheck.reconcile.TableShape;
import dev.upgradecheck.value.UserText;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one write upgrade-check makes: a marked row into a table the user made for it, watched for at the
 * destination, then deleted. It refuses a table that is not a canary table (other columns, rows it did not
 * write), so it can never touch application data; it sends exactly one INSERT and one DELETE.
 */
public final class Canary {

    public static final String MARKER_PREFIX = "upgrade-check-canary-";
    static final Set<String> COLUMNS = Set.of("marker", "written_at");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String ID = "canary.arrival";
    private static final String TITLE = "A row written at the source arrives at the destination";

    /** One side of the trip: its session, its SQL spelling and the canary table there. */
    public record End(SqlSession sql, SqlDialect dialect, TableName table) {

        String quoted() {
            return table.quoted(dialect);
        }
    }

    private final End source;
    private final End destination;
    private final Duration timeout;

    public Canary(End source, End destination, Duration timeout) {
        this.source = source;
        this.destination = destination;
        this.timeout = timeout;
    }

    /** Checks both tables, writes, waits, deletes; refusals are bad input (exit 2), nothing written. */
    public CheckResult run() {
        try {
            refuseUnlessCanaryTable();
            Optional<String> missing = destinationProblem();
            if (missing.isPresent()) {
                return CheckResult.of(ID, TITLE, Outcome.error(missing.get(), null));
            }
        } catch (SQLException e) {
            return CheckResult.of(ID, TITLE, Outcome.error("cannot read the canary tables: "
                    + UserText.firstLine(e.getMessage()), null));
        }
        String marker = MARKER_PREFIX + UUID.randomUUID();
        long start = System.nanoTime();
        try {
            source.sql().update("INSERT INTO " + source.quoted() + " (marker, written_at) VALUES (?, ?)", marker,
                    Timestamp.from(Instant.now()));
        } catch (SQLException e) {
            return CheckResult.of(ID, TITLE, Outcome.error("the source refused the canary row: "
                    + UserText.firstLine(e.getMessage()), source.dialect().grantCanary(source.quoted(), "CANARY_USER")));
        }
        Outcome outcome;
        try {
            outcome = await(marker, start);
        } catch (RuntimeException e) {
            deleted(marker, Outcome.error("interrupted", null));
            throw e;
        }
        return CheckResult.of(ID, TITLE, deleted(marker, outcome));
    }

    private void refuseUnlessCanaryTable() throws SQLException {
        TableShape shape = TableShape.read(source.sql(), source.dialect(), source.table())
                .orElseThrow(() -> new BadInputException("canary table " + source.table() + " not found at the source: "
                        + "create it first (upgrade-check plan prints the CREATE TABLE)"));
        List<String> unexpected = shape.columns().stream()
                .filter(c -> !COLUMNS.contains(c.toLowerCase(Locale.ROOT))).toList();
        if (!unexpected.isEmpty() || shape.columns().size() != COLUMNS.size()) {
            throw new BadInputException("refusing " + source.table() + ": a canary table has exactly the columns "
                    + "marker and written_at, this one has " + String.join(", ", shape.columns()));
        }
        String select = source.dialect().limited("SELECT marker FROM " + source.quoted() + " ORDER BY marker");
        for (List<Object> row : source.sql().values(select, 100)) {
            String marker = String.valueOf(row.get(0));
            if (!marker.startsWith(MARKER_PREFIX)) {
                throw new BadInputException("refusing " + source.table() + ": it holds rows upgrade-check did not "
                        + "write (marker '" + UserText.shown(marker, 40) + "'): give the canary a table of its own");
            }
        }
    }

    private Optional<String> destinationProblem() throws SQLException {
        Optional<TableShape> shape = TableShape.read(destination.sql(), destination.dialect(),
                destination.table());
        if (shape.isEmpty() || shape.get().column("marker").isEmpty()) {
            return Optional.of("the destination has no table " + destination.table() + " with a marker column: "
                    + "nothing could arrive (map it with --dest-table, or let the pipeline create it)");
        }
        return Optional.empty();
    }

    private Outcome await(String marker, long start) {
        String probe = "SELECT COUNT(*) FROM " + destination.quoted() + " WHERE "
                + destination.dialect().quote("marker") + " = ?";
        long deadline = start + timeout.toNanos();
        while (true) {
            try {
                if (((Number) destination.sql().values(probe, marker).get(0).get(0)).longValue() > 0) {
                    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    return Outcome.pass("arrived after " + millis + " ms", "marker " + marker);
                }
            } catch (SQLException e) {
                return Outcome.error("cannot read the destination: " + UserText.firstLine(e.getMessage()), null);
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                return Outcome.fail("not seen at the destination within --timeout (" + timeout.toMillis() + " ms)",
                        "the row at the destination within --timeout", "marker " + marker,
                        "check the connector is running and captures " + source.table() + " (publication, include "
                                + "list); then look at its lag");
            }
            sleep();
        }
    }

    /** The row goes whatever happened; if it cannot, the outcome says so and gives the DELETE to run. */
    private Outcome deleted(String marker, Outcome outcome) {
        String delete = "DELETE FROM " + source.quoted() + " WHERE marker = ";
        try {
            source.sql().update(delete + "?", marker);
            return outcome;
        } catch (SQLException e) {
            return new Outcome(outcome.status() == Status.PASS ? Status.ERROR : outcome.status(), outcome.observed(),
                    outcome.expected(), (outcome.detail() == null ? "" : outcome.detail() + "\n")
                    + "the canary row could not be deleted: " + UserText.firstLine(e.getMessage()),
                    delete + source.dialect().literal(marker) + ";");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the canary", e);
        }
    }
}

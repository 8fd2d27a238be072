package dev.upgradecheck.engine;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;

import java.util.List;
import java.util.Set;

/**
 * One engine's plugin, found through {@link java.util.ServiceLoader}. Everything about the engine
 * (URL rules, checks, queries, runbook, snapshot rules) lives behind this interface; the core names no engine.
 */
public interface SourceInspector {

    /** The name users pass to {@code --engine}. */
    String engine();

    /** Other names accepted for this engine (flavours, e.g. {@code mariadb}). */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * The first segment of every check id this engine reports ({@code pg}, {@code mysql}, {@code mssql}...), also of
     * the line that says a target could not be reached or inspected, so that {@code --skip pg} leaves out all of them.
     */
    default String checkIdPrefix() {
        return engine();
    }

    /**
     * The options this engine reads beyond those every engine shares ({@link TargetOptions#SHARED}), e.g.
     * PostgreSQL's {@code --slot}: each becomes a flag of the commands that inspect a source and a key of
     * inventory and config files.
     */
    default List<TargetOption<?>> options() {
        return List.of();
    }

    /**
     * Every check this engine's sessions can report, live and baseline comparisons: {@code --only}/{@code --skip}
     * are judged against these ids, and verify names the baseline comparisons it could not make.
     */
    List<DeclaredCheck> checks();

    /**
     * The URL as this engine's driver takes it, from the forms people type (libpq's {@code postgresql://},
     * {@code mysql://}, a bare {@code host:port/db}); unchanged when it already is one, or is not this engine's.
     */
    default String canonicalUrl(String typed) {
        return typed;
    }

    /**
     * What the engine's own clients read from the environment and their files (libpq's PGHOST... and
     * pg_service.conf, MySQL's ~/.my.cnf), filled in where the command line left the URL, user or password out.
     */
    default ConnectionSpec withEnvironment(ConnectionSpec given, java.util.function.Function<String, String> env) {
        return given;
    }

    /**
     * The Kafka Connect connector classes that read this engine (e.g. Debezium's), so that a --connector of another
     * engine is refused before anything is judged.
     */
    default Set<String> connectorClasses() {
        return Set.of();
    }

    /**
     * The statement that asks a running Debezium connector for an incremental snapshot of these tables through its
     * signal table ({@code signal.data.collection}, as Debezium writes it for this engine), identifiers quoted for
     * this engine. The default quotes each dot-separated part in SQL's double quotes, as PostgreSQL reads
     * {@code schema.table}.
     */
    default java.util.Optional<String> snapshotSignal(String signalCollection, String id, java.util.List<String> tables) {
        return java.util.Optional.of(dev.upgradecheck.pipeline.SnapshotSignal.insert(
                dev.upgradecheck.pipeline.SnapshotSignal.doubleQuoted(signalCollection), id, tables));
    }

    /**
     * How far the connector's committed offset has read, as a time: no change committed at the source after it has
     * reached the connector's topics (reconcile sets rows changed later apart as in flight). Empty when the offset
     * carries no such time, or the engine does not read one from it.
     */
    default java.util.Optional<java.time.Instant> deliveredUpTo(dev.upgradecheck.pipeline.PipelineView view) {
        return java.util.Optional.empty();
    }

    /**
     * The URL parameters this engine lets through to its third-party driver, pinned to the driver's version (a test
     * fails when the driver is upgraded, until the list is reviewed against the new release); empty for an engine
     * whose URL goes to no such driver.
     */
    default java.util.Optional<UrlParameters> urlParameters() {
        return java.util.Optional.empty();
    }

    /** Rejects a malformed URL, or one with driver parameters that load classes or files, with {@code BadInputException}. */
    void validateUrl(String url);

    /**
     * The instance whose sessions serve one fleet run: it may share between its sessions what several targets have
     * in common (e.g. one server's cluster-wide facts, read once), and is dropped when the run ends. The default
     * shares nothing.
     */
    default SourceInspector forFleetRun() {
        return this;
    }

    /**
     * Opens a read-only session within the connect timeout.
     *
     * @throws dev.upgradecheck.ConnectionFailedException when the server cannot be reached or refuses the login
     */
    InspectionSession open(ConnectionSpec spec);

    /** The runbook for this upgrade; works offline. */
    Runbook plan(PlanRequest request);

    /** Snapshot advice from flags alone, when there is neither a baseline nor a connection. */
    SnapshotAdvice adviseOffline(PlanRequest request);

    /**
     * This engine's tables over SQL, for reconcile (either side) and the canary; empty for an engine without
     * SQL tables.
     */
    default java.util.Optional<dev.upgradecheck.engine.jdbc.SqlAccess> sqlAccess() {
        return java.util.Optional.empty();
    }
}

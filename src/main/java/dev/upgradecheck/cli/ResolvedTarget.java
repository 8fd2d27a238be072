package dev.upgradecheck.cli;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.SourceAddress;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.pipeline.ConnectTarget;
import dev.upgradecheck.pipeline.DebeziumFiles;

import java.util.Optional;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One source, ready to run: its name in a fleet (null for a single --url), its engine, how to reach it
 * (URL already checked, password resolved and masked), its options, and the connector that reads it (null without
 * --connect-url) or the files of a Debezium engine that reads it (null without --debezium-config). {@code prompt}
 * asks for a password when the server wants one and none was given (a single source on a terminal), else null.
 * {@code entry} is the inventory entry it came from (null for a single --url), for the keys only some commands
 * read (the destination of reconcile and canary). {@code early} is its session already being opened (a single --url
 * source), else null.
 */
record ResolvedTarget(String name, SourceInspector inspector, ConnectionSpec spec, TargetOptions options,
                      Supplier<Secret> prompt, ConnectTarget pipeline, DebeziumFiles files, InventoryTarget entry,
                      EarlySession early) {

    Optional<ConnectTarget> connector() {
        return Optional.ofNullable(pipeline);
    }

    static final String PASSWORD_SOURCES = "set $UPGRADE_CHECK_PASSWORD (or --password-env NAME), "
            + "or use --password-file FILE or --password-prompt";

    ResolvedTarget(String name, SourceInspector inspector, ConnectionSpec spec, TargetOptions options) {
        this(name, inspector, spec, options, null, null, null, null, null);
    }

    /**
     * Opens the session (or takes the one already being opened); a login refused for want of a password prompts for
     * one, or says how to give one.
     */
    InspectionSession open() {
        if (early != null) {
            return early.take();
        }
        try {
            return inspector.open(spec);
        } catch (ConnectionFailedException e) {
            return afterRefusal(e);
        }
    }

    /** The first login failed: a second with the password prompted for, when that is what it wanted; else its error. */
    InspectionSession afterRefusal(ConnectionFailedException e) {
        if (spec.password().isPresent() || !Redactor.secretsIn(spec.url()).isEmpty() || !wantedPassword(e)) {
            throw e;
        }
        if (prompt == null) {
            throw new ConnectionFailedException(e.getMessage() + "; no password was given: " + PASSWORD_SOURCES, e);
        }
        return inspector.open(spec.withPassword(prompt.get()));
    }

    /** The same target, its session taken from {@code session} (already being opened). */
    ResolvedTarget openingEarly(EarlySession session) {
        return new ResolvedTarget(name, inspector, spec, options, prompt, pipeline, files, entry, session);
    }

    /** The login was refused as unauthorised (SQLState class 28, or 08004: the server asked for a password). */
    private static boolean wantedPassword(ConnectionFailedException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("08004"))) {
                return true;
            }
        }
        return false;
    }

    /** The same target, inspected by {@code other} (its engine's instance for a fleet run). */
    ResolvedTarget withInspector(SourceInspector other) {
        if (other == inspector) {
            return this;
        }
        return new ResolvedTarget(name, other, spec, options, prompt, pipeline, files, entry, early);
    }

    String engine() {
        return inspector.engine();
    }

    /** host/database from the URL (no credentials), or null when the URL does not say. */
    String address() {
        return SourceAddress.fromUrl(spec.url()).map(SourceAddress::toString).orElse(null);
    }
}

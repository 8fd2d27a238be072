package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.DeclaredCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL checklist, in report order: what precheck runs, what verify runs again, and the comparisons verify adds
 * with a baseline. Every engine lists its checks this way; {@link #declared()} is what --only/--skip are judged
 * against.
 */
final class PostgresChecks {

    /** precheck: configuration, the pipeline's health, and what the upgrade will need. */
    static final List<Check<PgContext>> PRECHECK = checks(
            List.of(ServerChecks.WAL_LEVEL, ServerChecks.PRIMARY, ServerChecks.CAPACITY),
            SlotChecks.ALL, PublicationChecks.ALL,
            List.of(RoleChecks.CDC_ROLE, RoleChecks.READER, ServerChecks.ARCHIVER, ServerChecks.UPGRADE_PATH,
                    ServerChecks.SLOT_MIGRATION, ServerChecks.OUTPUT_PLUGINS));

    /** verify: the configuration again (no upgrade-path advice: the upgrade is done). */
    static final List<Check<PgContext>> VERIFY = checks(
            List.of(ServerChecks.WAL_LEVEL, ServerChecks.PRIMARY, ServerChecks.CAPACITY),
            SlotChecks.ALL, PublicationChecks.ALL, List.of(RoleChecks.CDC_ROLE, RoleChecks.READER));

    /** verify --baseline: what the upgrade dropped, reset or changed. */
    static final List<Check<PgContext>> BASELINE = BaselineChecks.ALL;

    private PostgresChecks() {
    }

    static List<DeclaredCheck> declared() {
        return DeclaredCheck.of(PRECHECK, BASELINE);
    }

    @SafeVarargs
    private static List<Check<PgContext>> checks(List<Check<PgContext>>... groups) {
        List<Check<PgContext>> all = new ArrayList<>();
        for (List<Check<PgContext>> g : groups) {
            all.addAll(g);
        }
        return List.copyOf(all);
    }
}

package dev.upgradecheck.plan;

import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.util.List;

/**
 * The runbook's closing proof, the same for every engine with SQL tables: a canary row through the pipeline,
 * then reconcile of the captured tables, as commands to paste rather than prose. Each engine's runbook adds
 * these steps with its own dialect (the canary table's CREATE TABLE and its one GRANT).
 */
public final class ProofSteps {

    /** The canary table's name, in the captured tables' schema. */
    public static final String CANARY_TABLE = "upgrade_check_canary";
    /** The user the GRANT names: whoever runs upgrade-check canary. */
    static final String CANARY_USER = "upgrade_check";

    private ProofSteps() {
    }

    /**
     * @param source how the commands name the source (--url, --user)
     * @param tables the captured tables as reconcile takes them ({@code schema.table}); empty for a placeholder
     * @param schema the schema the canary table goes into, or null for the session's default
     */
    public static List<Step> after(String engine, RunbookSource source, List<String> tables, String schema,
                                   SqlDialect dialect) {
        String canary = (schema == null ? "" : schema + ".") + CANARY_TABLE;
        String quoted = (schema == null ? "" : dialect.quote(schema) + ".") + dialect.quote(CANARY_TABLE);
        Step canaryStep = Step.of(Step.Phase.AFTER, "Prove the pipeline end to end with a canary row",
                "Once, before the window: create the canary table, grant it to the user upgrade-check runs as, and add "
                        + "it to what the pipeline captures. canary inserts one marked row, waits for it at the "
                        + "destination, deletes it and reports the latency; exit 1 when it does not arrive.",
                dialect.createCanaryTable(quoted) + ";",
                dialect.grantCanary(quoted, CANARY_USER) + ";",
                "upgrade-check canary --engine " + engine + " " + source.options() + " --table "
                        + ShellWord.quote(canary) + " --dest-url <dest-url> --allow-write --timeout 2m");
        Step reconcileStep = Step.of(Step.Phase.AFTER, "Reconcile the captured tables with the destination",
                "Counts, then the missing or extra key ranges and the signal that re-snapshots just those; "
                        + "exit 1 on any gap.",
                "upgrade-check reconcile --engine " + engine + " " + source.options() + " --dest-url <dest-url> --tables "
                        + (tables.isEmpty() ? "<schema>.<table>" : ShellWord.quote(String.join(",", tables))) + " --keys");
        return List.of(canaryStep, reconcileStep);
    }
}

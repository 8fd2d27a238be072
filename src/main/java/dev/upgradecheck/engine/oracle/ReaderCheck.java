package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Is a LogMiner-based reader mining now, seen from the database. A reader that calls DBMS_LOGMNR.START_LOGMNR and
 * queries V$LOGMNR_CONTENTS runs a transient LogMiner session, which V$LOGMNR_SESSION does not list (it shows only
 * persistent sessions: XStream / GoldenGate capture, SQL Apply); such a reader is found in V$SESSION by its current
 * or last statement. No reader is WARN, never FAIL: the source may be paused on purpose.
 */
final class ReaderCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.reader", "A LogMiner reader is mining",
            ReaderCheck::evaluate);

    private static final String EXPECTED = "a LogMiner session mining (V$LOGMNR_SESSION ACTIVE, or a session "
            + "querying V$LOGMNR_CONTENTS)";

    private ReaderCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        List<Row> persistent = context.catalog().query(OracleCatalog.LOGMINER_SESSIONS);
        List<Row> sessions = context.catalog().query(OracleCatalog.MINING_SESSIONS);
        List<String> seen = new ArrayList<>();
        boolean mining = !sessions.isEmpty();
        if (!persistent.isEmpty()) {
            Scn current = DatabaseState.read(context.catalog()).currentScn();
            for (Row r : persistent) {
                mining |= "ACTIVE".equals(r.string("session_state"));
                seen.add(describePersistent(r, current));
            }
        }
        sessions.forEach(r -> seen.add(describeSession(r)));
        if (mining) {
            return Outcome.pass(String.join("; ", seen), sessions.isEmpty() ? null
                    : "a reader mining in its own session keeps its position itself: how far behind it is shows in "
                    + "the reader's own lag metric, not in the database");
        }
        String detail = "no session is mining redo now: the CDC source may be paused on purpose. Before the upgrade, "
                + "stop it only once it has drained; after it, resume it and confirm it mines again";
        if (context.facts().cdb() && !context.facts().inRoot()) {
            detail += ". Connected to " + context.facts().containerName() + ": a reader mining from CDB$ROOT (a "
                    + "common user) is not visible from a PDB; connect to CDB$ROOT to see it";
        }
        String observed = seen.isEmpty() ? "no LogMiner session" : String.join("; ", seen);
        return Outcome.warn(observed, EXPECTED, detail, "start or resume the CDC source that reads this database");
    }

    private static String describePersistent(Row r, Scn current) {
        String text = "persistent session " + r.string("session_name") + " " + r.string("session_state");
        Scn processed = Scn.fromColumn(r.get("processed_scn"));
        if (processed == null) {
            return text;
        }
        String behind = current == null || processed.isAfter(current) ? ""
                : ", " + current.value().subtract(processed.value()) + " SCNs behind CURRENT_SCN " + current;
        return text + ", mined to SCN " + processed + behind;
    }

    private static String describeSession(Row r) {
        String program = r.string("program");
        return "session " + r.longValue("sid") + "," + r.longValue("serial#") + " of " + r.string("username")
                + (program == null || program.isBlank() ? "" : " (" + program.strip() + ")") + " "
                + r.string("status") + ", last call " + seconds(r.longValue("last_call_et")) + " ago";
    }

    private static String seconds(Long value) {
        if (value == null) {
            return "?";
        }
        return value >= 3600 ? (value / 3600) + "h" : value >= 60 ? (value / 60) + "m" : value + "s";
    }
}

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

    // 10.2+. Persistent sessions only; PROCESSED_SCN is how far the builder process has mined.
    static final CatalogQuery PERSISTENT = CatalogQuery.on("V$LOGMNR_SESSION", """
            SELECT SESSION_ID, SESSION_NAME, SESSION_STATE, PROCESSED_SCN
              FROM V$LOGMNR_SESSION
             ORDER BY SESSION_ID""", "V_$LOGMNR_SESSION");

    // 10g+ (SQL_ID, PREV_SQL_ID). A session whose running or last statement is the mining query or the START_LOGMNR
    // call; V$SQL.SQL_TEXT holds the first 1000 characters, where both appear. Our own session is left out, and so is
    // any statement that reads SQL_TEXT: another run of this query is a monitor, not a reader.
    static final CatalogQuery MINING_SESSIONS = CatalogQuery.on("V$SESSION", """
            SELECT s.SID, s.SERIAL#, s.USERNAME, s.PROGRAM, s.STATUS, s.LAST_CALL_ET
              FROM V$SESSION s
             WHERE s.TYPE = 'USER'
               AND s.SID <> TO_NUMBER(SYS_CONTEXT('USERENV', 'SID'))
               AND EXISTS (SELECT 1 FROM V$SQL q
                            WHERE q.SQL_ID IN (s.SQL_ID, s.PREV_SQL_ID)
                              AND (UPPER(q.SQL_TEXT) LIKE '%V$LOGMNR_CONTENTS%'
                                   OR UPPER(q.SQL_TEXT) LIKE '%DBMS_LOGMNR.START_LOGMNR%')
                              AND UPPER(q.SQL_TEXT) NOT LIKE '%SQL_TEXT%')
             ORDER BY s.SID""", "V_$SESSION", "V_$SQL");

    private static final String EXPECTED = "a LogMiner session mining (V$LOGMNR_SESSION ACTIVE, or a session "
            + "querying V$LOGMNR_CONTENTS)";

    private ReaderCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        List<Row> persistent = context.catalog().query(PERSISTENT);
        List<Row> sessions = context.catalog().query(MINING_SESSIONS);
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

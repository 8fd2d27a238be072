package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;

/**
 * The current binlog position, asked the way this version wants (see {@link MysqlServer#binlogStatusStatement()}).
 * A CDC reader asks the same question when it starts, with the same privilege.
 */
final class BinlogStatusCheck {

    static final String ID = "mysql.binlog_status";

    private BinlogStatusCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "The binlog position can be read",
            BinlogStatusCheck::evaluate);

    static Outcome evaluate(MysqlContext ctx) throws SQLException {
        String statement = ctx.server().binlogStatusStatement();
        return ctx.catalog().binlogStatus()
                .map(p -> Outcome.pass(p.toString(), "read with " + statement).expecting("a binlog file and position"))
                .orElseGet(() -> Outcome.fail("no binlog position (" + statement + " returned nothing)",
                        "a binlog file and position", "Binary logging is off; see mysql.log_bin.", null));
    }
}

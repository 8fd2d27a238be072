package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

/**
 * Aurora MySQL readers share the writer's storage and write no binlog of their own: a CDC reader must use
 * the cluster (writer) endpoint. A reader instance runs with innodb_read_only = ON.
 */
final class AuroraWriterCheck {

    static final String ID = "mysql.aurora_writer";

    private AuroraWriterCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "Aurora: connected to the writer instance",
            ctx -> evaluate(ctx.server()));

    static Outcome evaluate(MysqlServer server) {
        if (server.platform() != Platform.AURORA) {
            return Outcome.skip("not Aurora (platform: " + server.platform().id() + ")");
        }
        boolean reader = server.flag("innodb_read_only").orElse(false);
        if (reader) {
            return Outcome.fail("innodb_read_only = ON (an Aurora reader)", "the writer instance",
                    "Aurora readers have no binlog to stream.", "point --url and the CDC connector at the cluster "
                            + "endpoint (<cluster>.cluster-<id>.<region>.rds.amazonaws.com), not a reader endpoint");
        }
        return Outcome.pass("innodb_read_only = OFF (the writer)").expecting("the writer instance");
    }
}

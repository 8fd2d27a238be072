package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;

import java.util.ArrayList;
import java.util.List;

/** The configuration checks precheck runs and verify re-runs, in report order. */
final class MysqlChecks {

    private MysqlChecks() {
    }

    static List<Check<MysqlContext>> configuration() {
        List<Check<MysqlContext>> checks = new ArrayList<>();
        checks.add(UpgradePathCheck.check());
        RequiredSetting.all().forEach(s -> checks.add(s.check()));
        checks.add(GtidModeCheck.check());
        checks.add(BinlogStatusCheck.check());
        checks.add(BinlogRetentionCheck.check());
        checks.add(CdcUserGrantsCheck.check());
        checks.add(AuthPluginCheck.check());
        checks.addAll(BinlogReaderCheck.checks());
        checks.add(AuroraWriterCheck.check());
        return List.copyOf(checks);
    }
}

package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.DeclaredCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The MySQL and MariaDB checklist, in report order: what precheck runs, what verify runs again, and the comparisons verify adds
 * with a baseline. Every engine lists its checks this way; {@link #declared()} is what --only/--skip are judged
 * against.
 */
final class MysqlChecks {

    /** precheck: the configuration checks, which verify runs again. */
    static final List<Check<MysqlContext>> PRECHECK = configuration();

    static final List<Check<MysqlContext>> VERIFY = PRECHECK;

    /** verify --baseline: what the upgrade changed, and whether the reader can resume from its position. */
    static final List<Check<BaselineComparison>> BASELINE = BaselineChecks.ALL;

    private MysqlChecks() {
    }

    static List<DeclaredCheck> declared() {
        return DeclaredCheck.of(PRECHECK, BASELINE);
    }

    private static List<Check<MysqlContext>> configuration() {
        List<Check<MysqlContext>> checks = new ArrayList<>();
        checks.add(UpgradePathCheck.CHECK);
        RequiredSetting.all().forEach(s -> checks.add(s.check()));
        checks.add(GtidModeCheck.CHECK);
        checks.add(BinlogStatusCheck.CHECK);
        checks.add(BinlogRetentionCheck.CHECK);
        checks.add(CdcUserGrantsCheck.CHECK);
        checks.add(AuthPluginCheck.CHECK);
        checks.addAll(BinlogReaderCheck.CHECKS);
        checks.add(AuroraWriterCheck.CHECK);
        return List.copyOf(checks);
    }
}

package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Online redo log groups and sizes (V$LOG). Before the upgrade: an INACTIVE group that is not yet archived means
 * the archiver is behind, and LogMiner cannot read what is not archived once the group is reused. After it: a
 * changed layout (groups added, dropped or resized) is worth knowing, as it changes how fast logs switch and
 * how long redo stays online.
 */
final class RedoLogCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.redo_logs", "Online redo log groups and sizes",
            RedoLogCheck::evaluate);

    private RedoLogCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        List<RedoGroup.Online> online = RedoGroup.read(context.catalog());
        List<RedoGroup> layout = online.stream().map(RedoGroup.Online::layout).toList();
        String observed = describe(layout);
        if (context.baseline().isPresent()) {
            List<RedoGroup> before = context.baseline().get().redoLogs();
            if (!Objects.equals(before, layout)) {
                return Outcome.warn(observed, describe(before), "the redo log layout changed since the baseline: "
                        + "log switch frequency and how long redo stays online change with it", null);
            }
        }
        List<String> behind = online.stream()
                .filter(g -> "INACTIVE".equals(g.status()) && !g.archived())
                .map(g -> "group " + g.layout().group()).toList();
        if (!behind.isEmpty() && DatabaseState.read(context.catalog()).archiveLog()) {
            return Outcome.warn(observed + "; not archived yet: " + String.join(", ", behind),
                    "INACTIVE groups archived", "the archiver is behind: redo that is neither online nor archived "
                            + "cannot be mined; check the archive destinations (V$ARCHIVE_DEST_STATUS) and free space",
                    null);
        }
        return Outcome.pass(observed, context.baseline().isPresent() ? "same layout as the baseline" : null);
    }

    static String describe(List<RedoGroup> groups) {
        return groups.isEmpty() ? "no groups" : groups.stream().map(RedoGroup::describe)
                .collect(Collectors.joining("; "));
    }
}

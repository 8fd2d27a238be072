package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * How far the reader is from the binlog's head, for {@code drain}. From the connector's committed offset when
 * there is a view; else from the dump threads, which can never prove a drain (see {@link BinlogReaderCheck}).
 */
final class ReaderDrain {

    static final String SERVER_SIDE = "server-side, weaker: binlog dump threads in the processlist; the server "
            + "cannot see the position the connector will resume from";

    private ReaderDrain() {
    }

    static DrainStatus of(Optional<PipelineView> view, MysqlServer server, MysqlCatalog catalog) throws SQLException {
        String head = catalog.binlogStatus().map(MysqlCatalog.BinlogPosition::toString).orElse(null);
        if (view.isPresent()) {
            Optional<ReaderOffset> offset = ReaderOffset.of(view.get());
            if (offset.isEmpty()) {
                return DrainStatus.unknown(view.get().offsetsKnown()
                        ? "the connector has committed no binlog offset"
                        : "the connector's offsets could not be read: " + view.get().offsetsUnavailable());
            }
            OffsetAssessment o = OffsetAssessment.of(offset.get(), server, catalog);
            String behind = o.resumable() ? o.behind() : o.detail();
            return new DrainStatus(o.resumable() && o.atHead(), offset.get().toString(), head, behind,
                    "the connector's committed offset (" + view.get().connector() + ")");
        }
        Optional<List<BinlogReaderCheck.Reader>> readers = BinlogReaderCheck.visibleReaders(catalog);
        if (readers.isEmpty()) {
            return DrainStatus.unknown("this account sees only its own threads: GRANT PROCESS ON *.* TO "
                    + server.connectingAccount().quoted() + "; or give --connect-url or --debezium-config");
        }
        if (readers.get().isEmpty()) {
            return new DrainStatus(false, null, head, "no binlog dump thread is connected", SERVER_SIDE);
        }
        String seen = BinlogReaderCheck.describe(readers.get());
        boolean sentAll = readers.get().stream().allMatch(BinlogReaderCheck.Reader::sentAll);
        return new DrainStatus(false, seen, head, sentAll
                ? "the server has sent everything; not proof: " + BinlogReaderCheck.SERVER_CANNOT_TELL
                : "events are still being sent", SERVER_SIDE);
    }
}

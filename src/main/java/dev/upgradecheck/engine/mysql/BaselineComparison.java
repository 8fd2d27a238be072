package dev.upgradecheck.engine.mysql;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * What verify's baseline checks see: the live server, its lookups, the baseline, the connector's offset when
 * known, and one shared assessment.
 */
final class BaselineComparison {

    private final MysqlServer live;
    private final MysqlCatalog catalog;
    private final MysqlBaseline baseline;
    private final Optional<ReaderOffset> offset;
    private ResumeAssessment assessment;

    /** @param offset the connector's committed offset (live, else saved in the baseline), when known */
    BaselineComparison(MysqlServer live, MysqlCatalog catalog, MysqlBaseline baseline,
                       Optional<ReaderOffset> offset) {
        this.live = live;
        this.catalog = catalog;
        this.baseline = baseline;
        this.offset = offset;
    }

    Optional<ReaderOffset> offset() {
        return offset;
    }

    /** The offset judged against the live binlog. */
    OffsetAssessment offsetAssessment(ReaderOffset o) throws SQLException {
        return OffsetAssessment.of(o, live, catalog);
    }

    /** Whether transactions were logged since the baseline: GTIDs when both sides have them, else the head moved. */
    static boolean writtenSince(MysqlServer server, MysqlCatalog catalog, MysqlBaseline state) throws SQLException {
        if (server.isMariadb()) {
            return !catalog.mariadbGtids().binlogPos().equals(MariadbGtidPosition.parse(state.mariadbGtidBinlogPos()));
        }
        if (server.gtidOn() && state.gtidMode()) {
            return !catalog.mysqlGtids().executed().equals(GtidSet.parse(state.gtidExecuted()));
        }
        Optional<MysqlCatalog.BinlogPosition> head = catalog.binlogStatus();
        return head.isEmpty() || !head.get().file().equals(state.binlogFile())
                || !Objects.equals(head.get().position(), state.binlogPosition());
    }

    MysqlCatalog catalog() {
        return catalog;
    }

    MysqlServer live() {
        return live;
    }

    MysqlBaseline baseline() {
        return baseline;
    }

    /** Read once; a failure (a missing privilege) reaches every check that needs it as ERROR. */
    ResumeAssessment assessment() throws SQLException {
        if (assessment == null) {
            assessment = ResumeAssessment.of(live, catalog, baseline);
        }
        return assessment;
    }
}

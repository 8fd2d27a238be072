package dev.upgradecheck.engine.mysql;

import java.sql.SQLException;

/** What verify's baseline checks see: the live server, its lookups, the baseline, and one shared assessment. */
final class BaselineComparison {

    private final MysqlServer live;
    private final MysqlCatalog catalog;
    private final MysqlBaselineState baseline;
    private ResumeAssessment assessment;

    BaselineComparison(MysqlServer live, MysqlCatalog catalog, MysqlBaselineState baseline) {
        this.live = live;
        this.catalog = catalog;
        this.baseline = baseline;
    }

    MysqlServer live() {
        return live;
    }

    MysqlBaselineState baseline() {
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

package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.testing.RecordedCatalog;

import java.util.List;

/**
 * The recorded Oracle database of this package's tests, offered to suites outside it (the safety suite):
 * the real engine over a recorded catalog, each session's catalog handed to {@code opened} so the caller can
 * inspect what was sent.
 */
public final class RecordedOracleSource {

    private RecordedOracleSource() {
    }

    /** A well configured 19c non-CDB with the CDC user logged in. */
    public static SourceInspector healthy(List<RecordedCatalog> opened) {
        return over(OracleFixture::new, opened);
    }

    /** The CDC user may not read V$DATABASE nor the DBA_* privilege views (ORA-01031). */
    public static SourceInspector withoutCatalogAccess(List<RecordedCatalog> opened) {
        return over(() -> {
            OracleFixture f = new OracleFixture();
            f.databaseFailure = OracleFixture.insufficientPrivileges();
            f.dbaPrivilegesFailure = OracleFixture.insufficientPrivileges();
            return f;
        }, opened);
    }

    private static SourceInspector over(java.util.function.Supplier<OracleFixture> fixture,
                                        List<RecordedCatalog> opened) {
        return new OracleInspector(spec -> {
            RecordedCatalog catalog = fixture.get().recorded();
            opened.add(catalog);
            return catalog.connection();
        });
    }
}

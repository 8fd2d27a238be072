package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.testing.RecordedCatalog;

import java.util.List;
import java.util.function.Consumer;

/**
 * The recorded SQL Server database of this package's tests, offered to suites outside it (the safety suite):
 * the real engine over a recorded catalog, each session's catalog handed to {@code opened} so the caller can
 * inspect what was sent.
 */
public final class RecordedSqlServerSource {

    private RecordedSqlServerSource() {
    }

    /** A well configured CDC source. */
    public static SourceInspector healthy(List<RecordedCatalog> opened) {
        return over(new RecordedSqlServer(), opened);
    }

    /** A source where reading {@code sqlContains} fails with this SQL Server error (e.g. 229, permission denied). */
    public static SourceInspector failing(String sqlContains, String message, int errorCode,
                                          List<RecordedCatalog> opened) {
        return over(new RecordedSqlServer().failing(sqlContains, message, errorCode), opened);
    }

    /** A source whose caller lacks SELECT on the cdc schema and on the captured tables (HAS_PERMS_BY_NAME = 0). */
    public static SourceInspector withoutSelect(List<RecordedCatalog> opened) {
        RecordedSqlServer server = new RecordedSqlServer();
        server.canSelectCdcSchema = 0;
        server.canSelectTable = 0;
        return over(server, opened);
    }

    private static SourceInspector over(RecordedSqlServer server, List<RecordedCatalog> opened) {
        Consumer<RecordedCatalog> sink = opened::add;
        return new SqlServerInspector(spec -> {
            RecordedCatalog catalog = server.catalog();
            sink.accept(catalog);
            return catalog.connection();
        });
    }
}

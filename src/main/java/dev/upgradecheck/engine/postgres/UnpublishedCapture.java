package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;
import dev.upgradecheck.pipeline.IncludeList;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tables a Debezium PostgreSQL connector means to capture (its schema and table include and exclude lists) that its
 * publication does not publish: pgoutput never sends their changes, so the connector misses them without an error.
 * A table taken out of the publication and left in the connector's lists is the usual way it happens, and a
 * baseline taken afterwards cannot show it. A connector without include lists takes what the publication gives.
 */
final class UnpublishedCapture {

    private UnpublishedCapture() {
    }

    static List<Table> of(PgContext c, PipelineView v) throws Exception {
        if (!listsTablesFromAPublication(v)) {
            return List.of();
        }
        Optional<Publication> publication = c.publication(publicationName(v));
        if (publication.isEmpty() || publication.get().allTables()) {
            return List.of(); // a missing publication is connect.config's failure; FOR ALL TABLES publishes them all
        }
        Set<Table> published = Set.copyOf(publication.get().tableNames());
        return c.catalog().userTables().stream().filter(t -> missesUnpublished(v, t))
                .filter(t -> !published.contains(t)).toList();
    }

    /**
     * Whether the connector's include lists name the table and it reads through a publication (pgoutput), so that
     * while the table is not published its changes never reach it. A connector without include lists names none.
     */
    static boolean missesUnpublished(PipelineView v, Table t) {
        var config = v.config();
        return listsTablesFromAPublication(v)
                && listed(config.get("schema.include.list"), config.get("schema.exclude.list"), t.schema())
                && listed(config.get("table.include.list"), config.get("table.exclude.list"), t.toString());
    }

    private static boolean listsTablesFromAPublication(PipelineView v) {
        var config = v.config();
        return "pgoutput".equals(config.get("plugin.name"))
                && (config.get("table.include.list") != null || config.get("schema.include.list") != null);
    }

    /** Debezium's default when publication.name is unset. */
    static String publicationName(PipelineView v) {
        return v.config().getOrDefault("publication.name", "dbz_publication");
    }

    private static boolean listed(String include, String exclude, String name) {
        return IncludeList.of(include).map(l -> l.matches(name)).orElse(true)
                && !IncludeList.of(exclude).map(l -> l.matches(name)).orElse(false);
    }
}

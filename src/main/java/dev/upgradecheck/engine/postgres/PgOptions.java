package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.TargetOption;

import java.util.List;

/** The options only PostgreSQL reads: which slots and publications to look at, and the slots' plugin. */
final class PgOptions {

    static final TargetOption<List<String>> SLOT = TargetOption.names("slot", "NAME",
            "Replication slot(s) (PostgreSQL; default: every logical slot on the server).");
    static final TargetOption<List<String>> PUBLICATION = TargetOption.names("publication", "NAME",
            "Publication(s) (PostgreSQL; default: every publication on the server).");
    static final TargetOption<String> PLUGIN = TargetOption.text("plugin", "NAME",
            "Logical decoding plugin expected on the slots (PostgreSQL; default: pgoutput).");

    static final List<TargetOption<?>> ALL = List.of(SLOT, PUBLICATION, PLUGIN);

    private PgOptions() {
    }
}

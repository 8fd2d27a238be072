package dev.upgradecheck.engine;

import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;

import java.util.List;

/**
 * What the user told us about one source: the CDC objects to look at and the thresholds to judge by.
 * Every field is optional; each engine reads the ones that mean something to it and says so in its help.
 * Inventory keys mirror these names.
 *
 * @param slots         replication slots (PostgreSQL); empty means every logical slot
 * @param publications  publications (PostgreSQL); empty means every publication
 * @param tables        captured tables, {@code schema.table}
 * @param collections   captured collections, {@code db.collection} (MongoDB)
 * @param cdcUser       the user the CDC connector logs in as; null means the connecting user
 * @param plugin        the logical decoding plugin expected on the slot (PostgreSQL)
 * @param window        the upgrade's expected duration; retention must cover it
 * @param targetVersion the version being upgraded to
 * @param maxLag        the largest acceptable replication lag
 */
public record TargetOptions(List<String> slots, List<String> publications, List<String> tables,
                            List<String> collections, String cdcUser, String plugin, HumanDuration window,
                            String targetVersion, DataSize maxLag) {

    public static final TargetOptions NONE =
            new TargetOptions(List.of(), List.of(), List.of(), List.of(), null, null, null, null, null);

    public TargetOptions {
        slots = slots == null ? List.of() : List.copyOf(slots);
        publications = publications == null ? List.of() : List.copyOf(publications);
        tables = tables == null ? List.of() : List.copyOf(tables);
        collections = collections == null ? List.of() : List.copyOf(collections);
    }

    public TargetOptions withSlots(List<String> value) {
        return new TargetOptions(value, publications, tables, collections, cdcUser, plugin, window, targetVersion, maxLag);
    }

    public TargetOptions withPublications(List<String> value) {
        return new TargetOptions(slots, value, tables, collections, cdcUser, plugin, window, targetVersion, maxLag);
    }

    public TargetOptions withTables(List<String> value) {
        return new TargetOptions(slots, publications, value, collections, cdcUser, plugin, window, targetVersion, maxLag);
    }

    public TargetOptions withCollections(List<String> value) {
        return new TargetOptions(slots, publications, tables, value, cdcUser, plugin, window, targetVersion, maxLag);
    }
}

package dev.upgradecheck.cli;

import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The CDC objects to look at and the thresholds to judge by; each engine uses the ones it knows. */
public final class TargetOptionsMixin {

    @Option(names = "--slot", split = ",", paramLabel = "NAME",
            description = "Replication slot(s) (PostgreSQL; default: every logical slot on the server).")
    List<String> slots = new ArrayList<>();

    @Option(names = "--publication", split = ",", paramLabel = "NAME",
            description = "Publication(s) (PostgreSQL; default: every publication on the server).")
    List<String> publications = new ArrayList<>();

    @Option(names = "--tables", split = ",", paramLabel = "SCHEMA.TABLE", description = "Captured tables.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--collections", split = ",", paramLabel = "DB.COLLECTION",
            description = "Captured collections (MongoDB).")
    List<String> collections = new ArrayList<>();

    @Option(names = "--cdc-user", paramLabel = "USER",
            description = "The user the CDC connector logs in as (default: the connecting user).")
    String cdcUser;

    @Option(names = "--plugin", paramLabel = "NAME",
            description = "Logical decoding plugin expected on the slots (PostgreSQL; default: pgoutput).")
    String plugin;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Expected duration of the upgrade, e.g. 2h; log retention must cover it.")
    HumanDuration window;

    @Option(names = "--target-version", paramLabel = "VERSION", description = "The version you are upgrading to.")
    String targetVersion;

    @Option(names = "--max-lag", paramLabel = "SIZE",
            description = "Largest acceptable replication lag, e.g. 64MB (default: engine's own).")
    DataSize maxLag;

    TargetOptions options() {
        return new TargetOptions(slots, publications, tables, collections, cdcUser, plugin, window, targetVersion, maxLag);
    }
}

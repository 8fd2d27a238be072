package dev.upgradecheck.cli;

import dev.upgradecheck.fleet.Shard;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Running one command over many sources at once. */
public final class FleetOptions {

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "YAML inventory of targets; runs every target (in parallel) instead of one --url.")
    Path inventory;

    /**
     * Far above the core count on purpose: a target across a network spends its time waiting for round trips,
     * not computing, and --per-server keeps the many targets of one server from all connecting at once.
     */
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "32",
            description = "How many targets of an inventory run at once (default: ${DEFAULT-VALUE}); targets far "
                    + "away mostly wait on the network, so this may go well above the number of cores.")
    int parallel;

    @Option(names = "--per-server", paramLabel = "N", defaultValue = "4",
            description = "At most N targets of one server (the same host and port in their URLs) run at once "
                    + "(default: ${DEFAULT-VALUE}), so a server with hundreds of databases is not sent hundreds "
                    + "of connections.")
    int perServer;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
            description = "Take only the K-th of N slices of the inventory (split a fleet across CI jobs).")
    Shard shard;

    boolean isFleet() {
        return inventory != null;
    }

    static final class ShardConverter implements picocli.CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

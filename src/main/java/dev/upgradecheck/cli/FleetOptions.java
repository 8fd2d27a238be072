package dev.upgradecheck.cli;

import dev.upgradecheck.fleet.Shard;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Running one command over many sources at once. */
public final class FleetOptions {

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "YAML inventory of targets; runs every target (in parallel) instead of one --url.")
    Path inventory;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "How many targets of an inventory run at once (default: ${DEFAULT-VALUE}).")
    int parallel;

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

package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.fleet.Inventory;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns the command line (one --url, or an --inventory) into resolved targets. Everything that can be
 * wrong with the input is found here, before any connection: unknown engines, bad URLs, missing passwords.
 */
final class Targets {

    private Targets() {
    }

    static List<ResolvedTarget> resolve(Cli cli, ConnectionOptions connection, TargetOptionsMixin target,
                                        FleetOptions fleet, PipelineOptions pipeline) {
        PipelineSettings flags = pipeline.settings();
        if (!fleet.isFleet()) {
            SourceInspector inspector = cli.engines().find(connection.engine);
            ConnectionSpec spec = connection.spec(cli, normalise(connection.engine));
            return List.of(ready(cli, null, inspector, spec, target.options(), flags));
        }
        if (connection.hasUrl()) {
            throw new BadInputException("give either --url or --inventory, not both");
        }
        if (fleet.parallel < 1 || fleet.parallel > 256) {
            throw new BadInputException("--parallel must be between 1 and 256");
        }
        List<InventoryTarget> entries = Inventory.read(fleet.inventory).targets();
        if (fleet.shard != null) {
            entries = fleet.shard.select(entries);
        }
        List<ResolvedTarget> targets = new ArrayList<>();
        for (InventoryTarget entry : entries) {
            targets.add(fromInventory(cli, connection, target.options(), flags, entry));
        }
        return targets;
    }

    private static ResolvedTarget fromInventory(Cli cli, ConnectionOptions connection, TargetOptions flags,
                                                PipelineSettings pipelineFlags, InventoryTarget e) {
        String where = "inventory target " + e.name();
        SourceInspector inspector = inContext(where, () -> cli.engines().find(e.engine()));
        Secret password = e.passwordFile() != null
                ? PasswordSource.fromFile(Path.of(e.passwordFile()))
                : inContext(where, () -> PasswordSource.fromEnv(cli, e.passwordEnv()));
        ConnectionSpec spec = new ConnectionSpec(normalise(e.engine()), e.url(), e.user(), password,
                parse(where, e.connectTimeout(), HumanDuration::parse, connection.connectTimeout),
                parse(where, e.queryTimeout(), HumanDuration::parse, connection.queryTimeout));
        // the inventory's own values win; command-line flags fill what it leaves unset
        TargetOptions options = new TargetOptions(
                or(e.slot(), flags.slots()), or(e.publication(), flags.publications()), or(e.tables(), flags.tables()),
                or(e.collections(), flags.collections()), or(e.cdcUser(), flags.cdcUser()), or(e.plugin(), flags.plugin()),
                parse(where, e.window(), HumanDuration::parse, flags.window()),
                or(e.targetVersion(), flags.targetVersion()),
                parse(where, e.maxLag(), DataSize::parse, flags.maxLag()));
        PipelineSettings pipeline = new PipelineSettings(e.connectUrl(), e.connector(), e.connectUser(),
                e.connectPasswordEnv(), e.connectPasswordFile(), e.connectTokenEnv(), e.connectTokenFile(),
                e.connectCa()).over(pipelineFlags);
        return inContext(where, () -> ready(cli, e.name(), inspector, spec, options, pipeline));
    }

    private static ResolvedTarget ready(Cli cli, String name, SourceInspector inspector, ConnectionSpec spec,
                                        TargetOptions options, PipelineSettings pipeline) {
        cli.mask(spec.url(), spec.password());
        inspector.validateUrl(spec.url());
        return new ResolvedTarget(name, inspector, spec, options,
                pipeline.resolve(cli, spec.connectTimeout(), spec.queryTimeout()));
    }

    private static String normalise(String engine) {
        return engine == null ? null : engine.trim().toLowerCase(Locale.ROOT);
    }

    private static <T> T parse(String where, String text, Function<String, T> parser, T fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(where + ": " + ex.getMessage());
        }
    }

    /** Prefixes a bad-input message with the inventory target it came from. */
    private static <T> T inContext(String where, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (BadInputException ex) {
            throw new BadInputException(where + ": " + ex.getMessage(), ex);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.fleet.Inventory;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.pipeline.ConnectTarget;
import dev.upgradecheck.pipeline.DebeziumFiles;
import dev.upgradecheck.value.HumanDuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the command line (one --url, or an --inventory) into resolved targets. Everything that can be
 * wrong with the input is found here, before any connection: unknown engines, bad URLs, missing passwords.
 */
final class Targets {

    private Targets() {
    }

    /** Sources read without their connector (reconcile, canary). */
    static List<ResolvedTarget> resolve(Cli cli, ConnectionOptions connection, TargetOptionsMixin target,
                                        FleetOptions fleet) {
        return resolve(cli, connection, target, fleet, new PipelineOptions());
    }

    static List<ResolvedTarget> resolve(Cli cli, ConnectionOptions connection, TargetOptionsMixin target,
                                        FleetOptions fleet, PipelineOptions pipeline) {
        PipelineSettings flags = pipeline.settings();
        DebeziumFiles files = pipeline.debeziumFiles();
        if (!fleet.isFleet()) {
            return List.of(single(cli, connection, target, flags, files));
        }
        if (files != null) {
            throw new BadInputException("--debezium-config describes one reader: give it with --url, not --inventory");
        }
        if (connection.hasUrl()) {
            throw new BadInputException("give either --url or --inventory, not both");
        }
        if (fleet.parallel < 1 || fleet.parallel > 256) {
            throw new BadInputException("--parallel must be between 1 and 256");
        }
        if (fleet.perServer < 1 || fleet.perServer > 256) {
            throw new BadInputException("--per-server must be between 1 and 256");
        }
        List<InventoryTarget> entries = Inventory.read(fleet.inventory, cli.engines().targetOptionKeys()).targets();
        if (fleet.shard != null) {
            entries = fleet.shard.select(entries);
        }
        List<ResolvedTarget> targets = new ArrayList<>();
        for (InventoryTarget entry : entries) {
            targets.add(fromInventory(cli, connection, target.options(), flags, entry));
        }
        return targets;
    }

    /**
     * The one --url source: the engine named or implied by the URL, the engine's client environment (PGHOST...)
     * for what the options left out, and on a terminal a prompt should the server want a password none gave.
     */
    private static ResolvedTarget single(Cli cli, ConnectionOptions connection, TargetOptionsMixin target,
                                         PipelineSettings pipeline, DebeziumFiles files) {
        SourceInspector inspector = cli.engines().forUrl(connection.engine, connection.url);
        ConnectionSpec spec = inspector.withEnvironment(connection.spec(cli, engineName(connection.engine, inspector)),
                cli::env);
        if (spec.url() == null || spec.url().isBlank()) {
            throw new BadInputException("--url is required to connect to the source");
        }
        ResolvedTarget one = ready(cli, null, inspector, spec, target.options(), pipeline, files);
        if (connection.passwordPrompt || !Terminal.attached()) {
            return one;
        }
        // as psql does: on a terminal, ask when the server wants a password that no source gave
        return new ResolvedTarget(null, inspector, one.spec(), one.options(), () -> {
            Secret typed = PasswordSource.prompt(cli, spec.user());
            cli.mask(spec.url(), typed);
            return typed;
        }, one.pipeline(), one.files(), null, null);
    }

    private static ResolvedTarget fromInventory(Cli cli, ConnectionOptions connection, TargetOptions flags,
                                                PipelineSettings pipelineFlags, InventoryTarget e) {
        String where = "inventory target " + e.name();
        SourceInspector inspector = inContext(where, () -> cli.engines().forUrl(e.engine(), e.url()));
        Secret password = e.passwordFile() != null
                ? PasswordSource.fromFile(Path.of(e.passwordFile()))
                : inContext(where, () -> PasswordSource.fromEnv(cli, e.passwordEnv()));
        ConnectionSpec spec = new ConnectionSpec(engineName(e.engine(), inspector), e.url(), e.user(), password,
                parse(where, e.connectTimeout(), HumanDuration::parse, connection.connectTimeout),
                parse(where, e.queryTimeout(), HumanDuration::parse, connection.queryTimeout));
        // the inventory's own values win; command-line flags fill what it leaves unset
        TargetOptions options = parse(where, e.options(),
                raw -> TargetOptions.fromFile(raw, cli.engines().targetOptions()), TargetOptions.NONE).over(flags);
        PipelineSettings pipeline = new PipelineSettings(e.connectUrl(), e.connector(), e.connectUser(),
                e.connectPasswordEnv(), e.connectPasswordFile(), e.connectTokenEnv(), e.connectTokenFile(),
                e.connectCa()).over(pipelineFlags);
        return inContext(where, () -> ready(cli, e, inspector, spec, options, pipeline, null));
    }

    /** {@code entry} is null for the one --url source. */
    private static ResolvedTarget ready(Cli cli, InventoryTarget entry, SourceInspector inspector, ConnectionSpec typed,
                                        TargetOptions options, PipelineSettings pipeline, DebeziumFiles files) {
        cli.mask(typed.url(), typed.password());
        ConnectionSpec spec = typed.withUrl(inspector.canonicalUrl(typed.url()));
        try {
            inspector.validateUrl(spec.url());
        } catch (BadInputException e) {
            // the commonest slip: a URL of one engine given with another's --engine
            Optional<SourceInspector> owner = cli.engines().accepting(typed.url());
            if (owner.isPresent() && owner.get() != inspector) {
                throw new BadInputException("--engine " + spec.engineName() + " does not read this URL, which is "
                        + owner.get().engine() + "'s: use --engine " + owner.get().engine() + " (or leave --engine out)", e);
            }
            throw e;
        }
        ConnectTarget connect = pipeline.resolve(cli, spec.connectTimeout(), spec.queryTimeout());
        if (connect != null && files != null) {
            throw new BadInputException("--connect-url and --debezium-config are two ways to see the reader: give one");
        }
        return new ResolvedTarget(entry == null ? null : entry.name(), inspector, spec, options, null, connect, files,
                entry, null);
    }

    /** The engine name as the user gave it (mariadb is the mysql engine's flavour), else the one the URL implied. */
    private static String engineName(String given, SourceInspector inspector) {
        return given == null || given.isBlank() ? inspector.engine() : given.trim().toLowerCase(Locale.ROOT);
    }

    private static <S, T> T parse(String where, S written, Function<S, T> parser, T fallback) {
        if (written == null) {
            return fallback;
        }
        try {
            return parser.apply(written);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(where + ": " + ex.getMessage());
        }
    }

    /** A command's own input for a resolved target, checked with its mistakes naming the inventory target. */
    static <T> T inContext(ResolvedTarget target, java.util.function.Supplier<T> step) {
        return target.name() == null ? step.get() : inContext("inventory target " + target.name(), step);
    }

    /** Prefixes a bad-input message with the inventory target it came from. */
    private static <T> T inContext(String where, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (BadInputException ex) {
            throw new BadInputException(where + ": " + ex.getMessage(), ex);
        }
    }

}

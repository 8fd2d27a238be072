package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.jdbc.DriverJar;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.value.UserText;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the pipeline writes (reconcile, canary): a JDBC URL, its login, and a driver we do not ship. An inventory
 * target's own keys (destUrl, destUser, destPasswordEnv, destPasswordFile) win; these flags fill what it leaves unset.
 */
public final class DestinationOptions {

    static final String DEFAULT_PASSWORD_ENV = "UPGRADE_CHECK_DEST_PASSWORD";

    @Option(names = "--dest-url", paramLabel = "URL",
            description = "JDBC URL of the destination (PostgreSQL, MySQL/MariaDB, SQL Server, Oracle, or any "
                    + "database whose driver --driver-path names). Read-only; a password inside it is never echoed.")
    String url;

    @Option(names = "--dest-user", paramLabel = "USER", description = "The user to log in to the destination as.")
    String user;

    @Option(names = "--dest-password-env", paramLabel = "NAME", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the destination's password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--dest-password-file", paramLabel = "FILE",
            description = "File whose first line is the destination's password.")
    Path passwordFile;

    @Option(names = "--driver-path", paramLabel = "JAR",
            description = "A JDBC driver JAR for a destination we ship no driver for, loaded in its own class loader.")
    Path driverPath;

    /** The destination's database and login; the source's time bounds apply to it too. */
    record Destination(SqlAccess access, ConnectionSpec spec) {

        SqlSession openReadOnly() {
            return access.readOnly().apply(spec);
        }
    }

    /** The destination of this source, with its time bounds; every input mistake is found here, before connecting. */
    Destination resolve(Cli cli, ResolvedTarget source) {
        Optional<InventoryTarget> entry = Optional.ofNullable(source.entry());
        String url = entry.map(InventoryTarget::destUrl).orElse(this.url);
        if (url == null || url.isBlank()) {
            throw new BadInputException("--dest-url is required (in an inventory: destUrl)");
        }
        String user = entry.map(InventoryTarget::destUser).orElse(this.user);
        Secret password = password(cli, entry);
        cli.mask(url, password);
        SqlAccess access = driverPath != null ? DriverJar.access(driverPath, url)
                : cli.engines().sqlAccessFor(url).orElseThrow(() -> new BadInputException("no driver we ship takes "
                + "the --dest-url '" + UserText.shown(prefix(url), 40) + "': give its JDBC driver with --driver-path JAR"));
        return new Destination(access, new ConnectionSpec("destination", url, user, password,
                source.spec().connectTimeout(), source.spec().queryTimeout()));
    }

    /**
     * {@code source=destination} table entries: the command line's, then the inventory entry's {@code tableMap},
     * which wins for the tables it names (later entries override earlier ones).
     */
    static List<String> tableMap(ResolvedTarget source, List<String> fromFlags) {
        List<String> entries = new ArrayList<>(fromFlags);
        Optional.ofNullable(source.entry()).map(InventoryTarget::tableMap)
                .ifPresent(map -> map.forEach((from, to) -> entries.add(from + "=" + (to == null ? "" : to))));
        return entries;
    }

    /** The inventory entry's own source (a file, then a variable), else the command line's. */
    private Secret password(Cli cli, Optional<InventoryTarget> entry) {
        Optional<String> file = entry.map(InventoryTarget::destPasswordFile);
        if (file.isPresent()) {
            return PasswordSource.fromFile(Path.of(file.get()));
        }
        Optional<String> env = entry.map(InventoryTarget::destPasswordEnv);
        if (env.isPresent()) {
            return PasswordSource.fromEnv(cli, env.get(), DEFAULT_PASSWORD_ENV);
        }
        return passwordFile != null ? PasswordSource.fromFile(passwordFile)
                : PasswordSource.fromEnv(cli, passwordEnv, DEFAULT_PASSWORD_ENV);
    }

    private static String prefix(String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second < 0 ? url : url.substring(0, second + 1);
    }
}

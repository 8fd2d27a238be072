package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CDC account's authentication plugin, judged by the version it must log in to after the upgrade:
 * MySQL deprecated mysql_native_password in 8.0.34, disabled it by default in 8.4 and removed it in 9.0;
 * 8.0 made caching_sha2_password the default (it needs TLS or RSA key retrieval on the client).
 */
final class AuthPluginCheck {

    static final String ID = "mysql.cdc_user_auth_plugin";

    /** A judgement for one plugin: status, why, and whether changing the plugin is the fix. */
    record Verdict(Status status, String detail, boolean alterFixes) {
    }

    private AuthPluginCheck() {
    }

    static final Check<MysqlContext> CHECK =
            Check.of(ID, "CDC user's authentication plugin works on the target version", AuthPluginCheck::evaluate);

    static Outcome evaluate(MysqlContext ctx) throws SQLException {
        MysqlServer server = ctx.server();
        MysqlAccount cdc = CdcUserGrantsCheck.cdcAccount(ctx);
        List<Row> rows = ctx.catalog().accounts(cdc.user());
        Version judgedBy = UpgradePathCheck.target(ctx).orElse(server.version());
        String against = UpgradePathCheck.target(ctx).isPresent() ? "target " + judgedBy : "current " + judgedBy;
        Findings findings = new Findings();
        List<String> details = new ArrayList<>();
        for (Row r : rows) {
            MysqlAccount account = new MysqlAccount(r.string("user_name"), r.string("host_name"));
            if (!cdc.matches(account)) {
                continue;
            }
            String plugin = r.string("plugin") == null || r.string("plugin").isBlank() ? "mysql_native_password"
                    : r.string("plugin");
            Verdict v = judge(server.flavour(), plugin, judgedBy);
            String remedy = v.status() != Status.PASS && v.alterFixes() ? "ALTER USER " + account.quoted()
                    + " IDENTIFIED WITH " + (server.isMariadb() ? "mysql_native_password" : "caching_sha2_password")
                    + " BY '<password>'; (then give the CDC reader TLS, or allowPublicKeyRetrieval)" : null;
            findings.add(v.status(), account.quoted() + ": " + plugin, remedy);
            if (v.detail() != null) {
                details.add(account.quoted() + ": " + v.detail());
            }
        }
        if (findings.isEmpty()) {
            return Outcome.fail("no account " + cdc, "an existing account", "The CDC user does not exist here.",
                    "CREATE USER " + cdc.quoted() + " IDENTIFIED BY '<password>';");
        }
        if (!details.isEmpty()) {
            findings.detail(String.join("; ", details));
        }
        return findings.outcome("a plugin the CDC reader can use on " + against);
    }

    /** The rule table; pure so that each version boundary has a test. */
    static Verdict judge(Flavour flavour, String plugin, Version version) {
        String p = plugin.toLowerCase(Locale.ROOT);
        if (flavour == Flavour.MARIADB) {
            return switch (p) {
                case "mysql_native_password" -> new Verdict(Status.PASS, null, false);
                default -> new Verdict(Status.WARN, p + " is MariaDB-specific; binlog readers built on MySQL client "
                        + "libraries usually speak only mysql_native_password and caching_sha2_password", true);
            };
        }
        return switch (p) {
            case "mysql_native_password" -> {
                if (version.atLeast(9, 0)) {
                    yield new Verdict(Status.FAIL, "mysql_native_password was removed in MySQL 9.0: the CDC user "
                            + "cannot log in after the upgrade", true);
                }
                if (version.atLeast(8, 4)) {
                    yield new Verdict(Status.FAIL, "mysql_native_password is disabled by default in MySQL 8.4: the "
                            + "CDC user cannot log in unless my.cnf loads it (mysql_native_password = ON)", true);
                }
                if (version.atLeast(8, 0, 34)) {
                    yield new Verdict(Status.WARN, "mysql_native_password is deprecated since MySQL 8.0.34 "
                            + "(disabled by default in 8.4, removed in 9.0)", true);
                }
                yield new Verdict(Status.PASS, null, false);
            }
            case "caching_sha2_password" -> version.atLeast(8, 0)
                    ? new Verdict(Status.PASS, "caching_sha2_password needs TLS or RSA public key retrieval "
                    + "on the reader's connection", false)
                    : new Verdict(Status.FAIL, "caching_sha2_password does not exist before MySQL 8.0", false);
            case "sha256_password" -> version.atLeast(8, 0, 16)
                    ? new Verdict(Status.WARN, "sha256_password is deprecated since MySQL 8.0.16", true)
                    : new Verdict(Status.PASS, null, false);
            default -> new Verdict(Status.WARN, p + ": binlog readers usually speak only mysql_native_password "
                    + "and caching_sha2_password", true);
        };
    }
}

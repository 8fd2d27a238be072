package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.mysql.MysqlCatalog.Privilege;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The CDC account's privileges: REPLICATION SLAVE to stream the binlog, REPLICATION CLIENT to ask where it is
 * (MariaDB 10.5.2+ lists it as BINLOG MONITOR), SELECT on the captured tables; RELOAD and LOCK TABLES for
 * consistent snapshots. Read from information_schema, which shows another account's privileges only to a
 * user with SELECT on the mysql schema.
 */
final class CdcUserGrantsCheck {

    static final String ID = "mysql.cdc_user_grants";

    private CdcUserGrantsCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "CDC user has the replication and SELECT privileges",
            CdcUserGrantsCheck::evaluate);

    /** The account the CDC reader uses: --cdc-user, or the one we logged in as. */
    static MysqlAccount cdcAccount(MysqlContext ctx) {
        String named = ctx.options().cdcUser();
        return named == null || named.isBlank() ? ctx.server().connectingAccount() : MysqlAccount.parse(named);
    }

    static Outcome evaluate(MysqlContext ctx) throws SQLException {
        MysqlAccount cdc = cdcAccount(ctx);
        MysqlAccount me = ctx.server().connectingAccount();
        List<Privilege> globals = ctx.catalog().globalPrivileges();
        Set<MysqlAccount> grantees = new LinkedHashSet<>();
        globals.stream().map(Privilege::grantee).filter(cdc::matches).forEach(grantees::add);
        if (grantees.isEmpty()) {
            boolean seesOthers = globals.stream().anyMatch(p -> !p.grantee().equals(me));
            if (seesOthers) {
                return Outcome.fail("no account " + cdc, "an account " + cdc + " with REPLICATION SLAVE, "
                        + "REPLICATION CLIENT and SELECT", "The CDC user does not exist on this server.",
                        "CREATE USER " + cdc.quoted() + " IDENTIFIED BY '<password>'; " + grant(cdc, required(List.of())));
            }
            return Outcome.error("cannot see the privileges of " + cdc + ": " + me
                    + " may list only its own (needs SELECT on the mysql schema)",
                    "GRANT SELECT ON `mysql`.* TO " + me.quoted() + "; (or run as " + cdc + ")");
        }
        Findings findings = new Findings();
        List<String> missing = new ArrayList<>();
        List<String> snapshotMissing = new ArrayList<>();
        List<Privilege> schemaLevel = null;
        List<Privilege> tableLevel = null;
        for (MysqlAccount grantee : grantees) {
            Set<String> privs = new TreeSet<>();
            globals.stream().filter(p -> p.grantee().equals(grantee))
                    .forEach(p -> privs.add(p.privilege().toUpperCase(Locale.ROOT)));
            List<String> lacking = new ArrayList<>();
            if (!privs.contains("REPLICATION SLAVE")) {
                lacking.add("REPLICATION SLAVE");
            }
            if (!privs.contains("REPLICATION CLIENT") && !privs.contains("BINLOG MONITOR") && !privs.contains("SUPER")) {
                lacking.add("REPLICATION CLIENT");
            }
            List<String> selectOn = new ArrayList<>();
            if (!privs.contains("SELECT")) {
                if (schemaLevel == null) {
                    schemaLevel = ctx.catalog().schemaPrivileges();
                    tableLevel = ctx.catalog().tablePrivileges();
                }
                selectOn = missingSelect(grantee, ctx.options().tables(), schemaLevel, tableLevel);
            }
            List<String> remedies = new ArrayList<>();
            if (!lacking.isEmpty()) {
                missing.add(grantee.quoted() + " lacks " + String.join(", ", lacking));
                remedies.add(grant(grantee, lacking));
            }
            if (!selectOn.isEmpty()) {
                missing.add(grantee.quoted() + " lacks SELECT on " + String.join(", ", selectOn));
                for (String on : selectOn) {
                    remedies.add("GRANT SELECT ON " + on + " TO " + grantee.quoted() + ";");
                }
            }
            List<String> snapshot = new ArrayList<>();
            if (!privs.contains("RELOAD")) {
                snapshot.add("RELOAD");
            }
            if (!privs.contains("LOCK TABLES")) {
                snapshot.add("LOCK TABLES");
            }
            if (!snapshot.isEmpty()) {
                snapshotMissing.add(grantee.quoted() + " lacks " + String.join(", ", snapshot));
                remedies.add(grant(grantee, snapshot));
            }
            Status status = !lacking.isEmpty() || !selectOn.isEmpty() ? Status.FAIL
                    : snapshot.isEmpty() ? Status.PASS : Status.WARN;
            findings.add(status, grantee.quoted() + ": " + String.join(", ", privs),
                    remedies.isEmpty() ? null : String.join(" ", remedies));
        }
        if (!missing.isEmpty()) {
            findings.detail(String.join("; ", missing)
                    + (snapshotMissing.isEmpty() ? "" : "; for snapshots: " + String.join("; ", snapshotMissing))
                    + ". Privileges granted through roles are not counted.");
        } else if (!snapshotMissing.isEmpty()) {
            findings.detail("Streaming works; a consistent snapshot (needed after some upgrades) does not: "
                    + String.join("; ", snapshotMissing));
        }
        return findings.outcome("REPLICATION SLAVE, REPLICATION CLIENT, SELECT (RELOAD, LOCK TABLES for snapshots)");
    }

    /** With --tables: the schemas/tables with no SELECT; without: "*.*" when the account can SELECT nothing. */
    private static List<String> missingSelect(MysqlAccount grantee, List<String> tables, List<Privilege> schemaLevel,
                                              List<Privilege> tableLevel) {
        List<Privilege> mineSchema = schemaLevel.stream().filter(p -> p.grantee().equals(grantee)
                && p.privilege().equalsIgnoreCase("SELECT")).toList();
        List<Privilege> mineTable = tableLevel.stream().filter(p -> p.grantee().equals(grantee)
                && p.privilege().equalsIgnoreCase("SELECT")).toList();
        if (tables.isEmpty()) {
            return mineSchema.isEmpty() && mineTable.isEmpty() ? List.of("*.*") : List.of();
        }
        Set<String> lacking = new LinkedHashSet<>();
        for (String table : tables) {
            String schema = MysqlIdentifiers.schemaOf(table);
            String name = schema == null ? table : table.substring(schema.length() + 1);
            boolean bySchema = schema != null && mineSchema.stream().anyMatch(p -> likeMatches(p.schema(), schema));
            boolean byTable = mineTable.stream().anyMatch(p -> p.table().equals(name)
                    && (schema == null || p.schema().equals(schema)));
            if (!bySchema && !byTable) {
                lacking.add(schema == null ? MysqlIdentifiers.quote(name)
                        : MysqlIdentifiers.quote(schema) + ".*");
            }
        }
        return new ArrayList<>(lacking);
    }

    /** Schema-level grants may use LIKE wildcards ({@code shop\_%}); an escaped wildcard is literal. */
    static boolean likeMatches(String pattern, String schema) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return schema.matches(regex.toString());
    }

    private static List<String> required(List<String> extra) {
        List<String> all = new ArrayList<>(List.of("REPLICATION SLAVE", "REPLICATION CLIENT", "SELECT"));
        all.addAll(extra);
        return all;
    }

    static String grant(MysqlAccount account, List<String> privileges) {
        return "GRANT " + String.join(", ", privileges) + " ON *.* TO " + account.quoted() + ";";
    }
}

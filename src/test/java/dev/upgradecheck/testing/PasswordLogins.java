package dev.upgradecheck.testing;

import dev.upgradecheck.engine.postgres.PgServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A login role that must prove its password (scram-sha-256) on a test PostgreSQL, where zonky trusts every login:
 * so a missing or wrong password is refused as on a real server.
 */
public final class PasswordLogins {

    private PasswordLogins() {
    }

    public static void require(EmbeddedPostgres pg, String role, String password) {
        PgServers.sql(pg, "CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD '" + password + "'");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            Path hba = Path.of(rs.getString(1));
            Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role
                    + " ::1/128 scram-sha-256\n" + Files.readString(hba));
        } catch (Exception e) {
            throw new IllegalStateException("cannot require a password of " + role + ": " + e.getMessage(), e);
        }
        PgServers.sql(pg, "SELECT pg_reload_conf()");
    }
}

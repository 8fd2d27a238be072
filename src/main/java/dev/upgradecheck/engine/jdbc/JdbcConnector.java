package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

/**
 * Opens a JDBC connection and turns every way that can fail into the contract's errors:
 * a URL no driver accepts is bad input (exit 2), anything else a connection failure (exit 3)
 * with the engine's one-line description (wrong password, unreachable host, timeout...).
 */
public final class JdbcConnector {

    private JdbcConnector() {
    }

    /**
     * @param describe the engine's one-line description of a failed connection attempt
     *                 (it knows its SQLStates and vendor codes)
     */
    public static Connection open(String url, Properties properties, Function<SQLException, String> describe) {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) && e.getMessage() != null
                    && e.getMessage().startsWith("No suitable driver")) {
                throw new BadInputException("no driver accepts this URL: check the --url syntax for this engine");
            }
            throw new ConnectionFailedException(describe.apply(e), e);
        }
    }
}

package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

/**
 * Opens a JDBC connection and turns every way that can fail into the contract's errors:
 * a URL no driver accepts is bad input (exit 2), anything else a connection failure (exit 3)
 * with the engine's one-line description (wrong password, unreachable host, timeout...).
 * The engine hands over its own driver: DriverManager would load and initialise every JDBC driver on the
 * class path (ServiceLoader), costing start-up time for engines not in use.
 */
public final class JdbcConnector {

    private JdbcConnector() {
    }

    /**
     * @param driver   the engine's driver, used directly (never through DriverManager)
     * @param describe the engine's one-line description of a failed connection attempt
     *                 (it knows its SQLStates and vendor codes)
     */
    public static Connection open(Driver driver, String url, Properties properties,
                                  Function<SQLException, String> describe) {
        Connection connection;
        try {
            connection = driver.connect(url, properties);
        } catch (SQLException e) {
            throw new ConnectionFailedException(describe.apply(e), e);
        }
        if (connection == null) {
            // Driver.connect answers null for a URL it does not accept
            throw new BadInputException("no driver accepts this URL: check the --url syntax for this engine");
        }
        return connection;
    }

    /**
     * How far behind both time bounds the socket backstop sits: room for the driver's own cancel of a timed-out
     * statement to come back first, so that a slow server reads as a timeout, not as a broken connection.
     */
    static final long BACKSTOP_MARGIN_MILLIS = 5_000;

    /** The login every JDBC driver takes as {@code user} and {@code password}, each set only when given. */
    public static Properties credentials(ConnectionSpec spec) {
        Properties properties = new Properties();
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        if (spec.password().isPresent()) {
            properties.setProperty("password", spec.password().reveal());
        }
        return properties;
    }

    /**
     * The socket read bound once logged in: each statement's query timeout fires first (and cancels it); this
     * backstop, behind both time bounds plus a margin, catches a server that stops answering altogether. Engines
     * log in under the connect timeout alone, then widen to this (or pass it as their driver's socket timeout).
     */
    public static int readBackstopMillis(ConnectionSpec spec) {
        long millis = Math.max(1, spec.connectTimeout().duration().toMillis())
                + Math.max(1, spec.queryTimeout().duration().toMillis()) + BACKSTOP_MARGIN_MILLIS;
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}

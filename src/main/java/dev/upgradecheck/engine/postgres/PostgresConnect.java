package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.jdbc.JdbcConnector;
import dev.upgradecheck.value.UserText;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the read-only pgjdbc connection and says in one line why one could not be opened. */
final class PostgresConnect {

    private PostgresConnect() {
    }

    static Connection open(ConnectionSpec spec) {
        return open(spec, true);
    }

    /** Writable only for the canary ({@code canary --allow-write}); every other session is read-only. */
    static Connection open(ConnectionSpec spec, boolean readOnly) {
        Properties url = PostgresUrl.validate(spec.url());
        PostgresUserInfo userInfo = PostgresUserInfo.split(spec.url());
        Properties props = JdbcConnector.credentials(spec);
        // libpq's user:password@ in a postgresql:// URL, where the options left them out
        String given = spec.user() != null ? spec.user() : userInfo.user();
        if (given != null) {
            props.setProperty("user", given);
        }
        if (!spec.password().isPresent() && userInfo.password() != null) {
            props.setProperty("password", userInfo.password());
        }
        int connectSeconds = seconds(spec.connectTimeout().duration().toMillis());
        long queryMillis = Math.max(1, spec.queryTimeout().duration().toMillis());
        props.setProperty("connectTimeout", String.valueOf(connectSeconds));
        props.setProperty("loginTimeout", String.valueOf(connectSeconds));
        // a wedged socket must not outlive the statement bound by much (pgjdbc counts it in seconds)
        props.setProperty("socketTimeout", String.valueOf(seconds(JdbcConnector.readBackstopMillis(spec))));
        props.setProperty("readOnly", String.valueOf(readOnly));
        // Round trips: logical decoding needs 9.4+, so the application name travels in the startup packet
        // (before 9.0 pgjdbc sends a SET for it), and so do read-only and the statement timeout (options): set at
        // the session's start, above any per-role or per-database default, with no statement of their own. The URL
        // cannot replace them: PostgresUrl refuses its own options parameter.
        // readOnlyMode=always would send a SET from setReadOnly; the startup options make it needless.
        props.setProperty("assumeMinServerVersion", "9.4");
        props.setProperty("ApplicationName", "upgrade-check");
        props.setProperty("options", "-c default_transaction_read_only=" + (readOnly ? "on" : "off")
                + " -c statement_timeout=" + queryMillis);
        // pgjdbc's own default when neither --user nor the URL names one: the operating system's user
        String user = given != null ? given : url.getProperty("user", System.getProperty("user.name"));
        Connection connection = JdbcConnector.open(new org.postgresql.Driver(), userInfo.url(), props,
                e -> describe(e, url, user));
        try {
            connection.setReadOnly(readOnly);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new dev.upgradecheck.ConnectionFailedException("connected, but could not make the session read-only: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }

    /** One line a DBA can act on; SQLStates from the PostgreSQL error code appendix. */
    static String describe(SQLException e, Properties url, String user) {
        String where = url.getProperty("PGHOST", "localhost") + ":" + url.getProperty("PGPORT", "5432");
        String database = url.getProperty("PGDBNAME", "");
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String who = "user " + UserText.shown(user, 80);
        switch (state) {
            case "28P01":
                return "authentication failed for " + who + " at " + where + ": wrong password (SQLState 28P01)";
            case "28000":
                return "the server at " + where + " refused the login of " + who + ": "
                        + UserText.firstLine(e.getMessage()) + " (SQLState 28000; check pg_hba.conf and the user name)";
            case "08004":
                if (String.valueOf(e.getMessage()).contains("password")) {
                    return "the server at " + where + " asked " + who + " for a password";
                }
                break;
            case "3D000":
                return "database \"" + database + "\" does not exist at " + where + " (SQLState 3D000)";
            case "57P03":
                return "the server at " + where + " is not accepting connections yet (starting up or shutting down)";
            case "53300":
                return "the server at " + where + " has no free connection slot (SQLState 53300)";
            default:
                break;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return "unknown host " + url.getProperty("PGHOST") + ": check the --url";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer from " + where + " within --connect-timeout";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot reach " + where + ": connection refused or no route (is the server running and listening there?)";
        }
        if ("08001".equals(state) && e.getMessage() != null && e.getMessage().toLowerCase().contains("timed out")) {
            return "no answer from " + where + " within --connect-timeout";
        }
        return "cannot connect to " + where + ": " + UserText.firstLine(e.getMessage())
                + (state.isEmpty() ? "" : " (SQLState " + state + ")");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing; the original error is the one to report
        }
    }
}

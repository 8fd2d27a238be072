package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.value.UserText;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDBC driver the user brings ({@code --driver-path JAR}), e.g. a warehouse's: loaded in a class loader of its
 * own (beside the platform's, so it sees none of ours), spoken to in plain ANSI SQL, read-only, and bounded by the
 * same two timeouts as every other connection (the login in a thread we stop waiting for).
 */
public final class DriverJar {

    private DriverJar() {
    }

    public static SqlAccess access(Path jar, String url) {
        Driver driver = driver(jar, url);
        return new SqlAccess(SqlDialect.ANSI, List.of(), spec -> open(driver, spec), Optional.empty());
    }

    private static Driver driver(Path jar, String url) {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new BadInputException("--driver-path " + jar + " is not a readable file");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new BadInputException("--driver-path " + jar + " cannot be loaded: " + e.getMessage());
        }
        try {
            for (Driver d : ServiceLoader.load(Driver.class, loader)) {
                if (d.acceptsURL(url)) {
                    return d;
                }
            }
        } catch (ServiceConfigurationError | SQLException | LinkageError e) {
            throw new BadInputException("--driver-path " + jar + " is not a usable JDBC driver: "
                    + UserText.firstLine(e.getMessage()));
        }
        throw new BadInputException("--driver-path " + jar + " holds no JDBC driver that takes this --dest-url "
                + "(a driver JAR names its class in META-INF/services/java.sql.Driver)");
    }

    private static SqlSession open(Driver driver, ConnectionSpec spec) {
        Properties props = JdbcConnector.credentials(spec);
        ExecutorService login = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "upgrade-check-driver-login");
            t.setDaemon(true);
            return t;
        });
        Connection connection;
        try {
            Future<Connection> attempt = login.submit(() -> JdbcConnector.open(driver, spec.url(), props,
                    e -> "cannot connect: " + UserText.firstLine(e.getMessage()) + " (SQLState " + e.getSQLState() + ")"));
            connection = attempt.get(Math.max(1, spec.connectTimeout().duration().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConnectionFailedException("no answer within --connect-timeout", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known) {
                throw known;
            }
            throw new ConnectionFailedException("cannot connect: " + UserText.firstLine(e.getCause().getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException("interrupted while connecting", e);
        } finally {
            login.shutdownNow();
        }
        SqlSession sql = new SqlSession(connection, spec.queryTimeout());
        try {
            connection.setReadOnly(true);
            connection.setNetworkTimeout(Runnable::run, JdbcConnector.readBackstopMillis(spec));
        } catch (SQLException e) {
            // some drivers support neither: each statement still carries the query timeout
        }
        return sql;
    }
}

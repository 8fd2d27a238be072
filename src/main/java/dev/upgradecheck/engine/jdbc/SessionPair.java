package dev.upgradecheck.engine.jdbc;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A source session and a destination session, logged in at once: the two logins (and the driver's first-time
 * work) cost the slower one's time, not their sum. Each login keeps its own connect timeout.
 */
public record SessionPair(SqlSession source, SqlSession destination) implements AutoCloseable {

    /**
     * Opens both. A failure is thrown as the login threw it (the source's first when both fail), and the other
     * session, once its login has ended, is closed rather than leaked.
     */
    public static SessionPair open(Supplier<SqlSession> source, Supplier<SqlSession> destination) {
        FutureTask<SqlSession> theirs = new FutureTask<>(destination::get);
        Thread login = new Thread(theirs, "upgrade-check-destination-login");
        login.setDaemon(true);
        login.start();
        SqlSession mine;
        try {
            mine = source.get();
        } catch (RuntimeException | Error e) {
            try {
                awaited(theirs).close();
            } catch (RuntimeException | Error ignored) {
                // the source's failure is the one to report
            }
            throw e;
        }
        try {
            return new SessionPair(mine, awaited(theirs));
        } catch (RuntimeException | Error e) {
            mine.close();
            throw e;
        }
    }

    private static SqlSession awaited(FutureTask<SqlSession> login) {
        try {
            return login.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging in to the destination", e);
        }
    }

    @Override
    public void close() {
        try {
            destination.close();
        } finally {
            source.close();
        }
    }
}

package dev.upgradecheck.reconcile;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends a statement to each side at once (each side has its own connection): the two databases work in parallel,
 * so a step costs the slower side's time, not the sum.
 */
final class BothSides implements AutoCloseable {

    /** One read on one side. */
    interface Read<T> {
        T run() throws SQLException;
    }

    record Pair<T>(T source, T destination) {
    }

    private final ExecutorService destination = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "upgrade-check-destination-read");
        t.setDaemon(true);
        return t;
    });

    <T> Pair<T> read(Read<T> atSource, Read<T> atDestination) throws SQLException {
        Future<T> theirs = destination.submit(atDestination::run);
        T mine;
        try {
            mine = atSource.run();
        } catch (SQLException | RuntimeException e) {
            theirs.cancel(true);
            throw e;
        }
        try {
            return new Pair<>(mine, theirs.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the destination", e);
        }
    }

    @Override
    public void close() {
        destination.shutdownNow();
    }
}

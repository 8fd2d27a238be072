package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.jdbc.Row;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster-wide catalog rows (settings, slots, roles, readers, the archiver) of one fleet run, read once per
 * cluster: on a database-per-tenant server every target would otherwise read the same rows again. Held by the run's
 * own {@link PostgresInspector} and forgotten with it. Rows are shared only between sessions whose {@link Key} is
 * equal, never by host and port (a pooler may front several clusters); per-database reads are never put here.
 */
final class ClusterFacts {

    /**
     * One server of one cluster, as the session saw it: the system identifier with the postmaster's start time (a
     * standby shares its primary's identifier; a restart may change settings), whether it is in recovery, and the
     * session's role (what pg_settings and pg_stat_replication show depends on it).
     */
    record Key(String cluster, boolean inRecovery, String user) {

        /** Empty when the session could not read its cluster's identity: its facts are then its own. */
        static Optional<Key> of(PgServer server) {
            return Optional.ofNullable(server.cluster()).map(c -> new Key(c, server.inRecovery(), server.user()));
        }
    }

    private final Map<Key, CompletableFuture<Map<String, List<Row>>>> byCluster = new ConcurrentHashMap<>();

    /**
     * The session's turn at this cluster's rows: the first to ask reads them and must {@link Turn#publish} what it
     * read; the others wait for that, at most {@code bound}.
     */
    Turn turn(Key key, Duration bound) {
        CompletableFuture<Map<String, List<Row>>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, List<Row>>> first = byCluster.putIfAbsent(key, mine);
        return new Turn(key, first == null ? mine : first, first == null, bound);
    }

    final class Turn {
        private final Key key;
        private final CompletableFuture<Map<String, List<Row>>> rows;
        private final boolean reader;
        private final Duration bound;

        private Turn(Key key, CompletableFuture<Map<String, List<Row>>> rows, boolean reader, Duration bound) {
            this.key = key;
            this.rows = rows;
            this.reader = reader;
            this.bound = bound;
        }

        /** Whether this session reads the cluster's rows for the others. */
        boolean reader() {
            return reader;
        }

        /**
         * The reader's rows by read; empty when it could not read them (each session then reads its own, and the
         * next to ask reads them for the others).
         */
        void publish(Map<String, List<Row>> read) {
            if (read.isEmpty()) {
                byCluster.remove(key, rows);
            }
            rows.complete(Map.copyOf(read));
        }

        /** What the reader published; empty when it failed or did not finish within the bound. */
        Map<String, List<Row>> rows() {
            try {
                return rows.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
    }
}

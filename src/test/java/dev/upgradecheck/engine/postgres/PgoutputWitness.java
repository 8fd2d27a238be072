package dev.upgradecheck.engine.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real CDC reader as the witness of a verdict: a pgjdbc logical replication stream on a pgoutput slot, read
 * until it goes quiet and confirmed as a connector would, so a test can assert which changes really arrive.
 */
final class PgoutputWitness {

    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private PgoutputWitness() {
    }

    /** A walsender connection (replication=database) as the postgres superuser. */
    static Connection replicationConnection(String url) throws SQLException {
        Properties p = new Properties();
        PGProperty.USER.set(p, "postgres");
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(url, p);
    }

    /** The kinds of the row changes delivered (I, U, D, T), in order, until two seconds pass without a message. */
    static List<Character> changes(String url, String slot, String publication) throws Exception {
        List<Character> kinds = new ArrayList<>();
        try (Connection c = replicationConnection(url);
             PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                     .logical().withSlotName(slot).withSlotOption("proto_version", 1)
                     .withSlotOption("publication_names", publication).start()) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < QUIET_NANOS) {
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    Thread.sleep(20);
                    continue;
                }
                char kind = (char) message.get(message.position());
                if ("IUDT".indexOf(kind) >= 0) {
                    kinds.add(kind);
                }
                LogSequenceNumber received = stream.getLastReceiveLSN();
                stream.setAppliedLSN(received);
                stream.setFlushedLSN(received);
                quietSince = System.nanoTime();
            }
            stream.forceUpdateStatus();
        }
        return kinds;
    }
}

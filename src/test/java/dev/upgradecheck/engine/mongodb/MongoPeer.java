package dev.upgradecheck.engine.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A real wire-protocol peer for the engine: mongo-java-server, in memory, with its oplog on and a clock the test moves.
 * It answers as a standalone (its isMaster has no setName) and lacks hello, getParameter, usersInfo and auth.
 */
public final class MongoPeer implements AutoCloseable {

    static {
        // the peer logs every command it does not know with a stack trace; the engine's report says it once
        System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel", "off");
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "off");
        DriverLogging.quiet();
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    private final MongoServer server;
    public final String url;

    public MongoPeer(boolean oplog) {
        MemoryBackend backend = new MemoryBackend(clock);
        backend.version(ServerVersion.MONGO_5_0);
        server = new MongoServer(backend);
        if (oplog) {
            server.enableOplog();
        }
        var address = server.bind();
        url = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public MongoClient client() {
        return MongoClients.create(url);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}

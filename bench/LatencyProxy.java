import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A TCP proxy for the benchmark that adds a fixed one-way delay in each direction (RTT = 2 x delay) and counts
 * the round trips each connection makes, seen from the wire rather than estimated.
 *
 * <pre>java bench/LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS STATS_FILE [FLIGHT_LOG]</pre>
 *
 * Loopback only: it listens on 127.0.0.1 and forwards to 127.0.0.1. A flight is what one side sends before the
 * other speaks; a round trip is a client flight the server answered (a closing message nobody answers costs no
 * wait), plus one for the TCP handshake. When a connection ends, one line goes to STATS_FILE:
 * {@code round_trips=N client_flights=C server_flights=S client_bytes=B server_bytes=B}.
 * With FLIGHT_LOG, every chunk read from either side adds a line there when it has been passed on:
 * {@code conn=N c>s|s>c bytes=B read=T sent=T} (T in microseconds since the epoch), to lay the waits beside the
 * client's own clock.
 */
public final class LatencyProxy {

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: java bench/LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS STATS_FILE"
                    + " [FLIGHT_LOG]");
            System.exit(2);
        }
        int listen = Integer.parseInt(args[0]);
        int target = Integer.parseInt(args[1]);
        long delayNanos = Long.parseLong(args[2]) * 1_000_000L;
        Path stats = Path.of(args[3]);
        Path flightLog = args.length == 5 ? Path.of(args[4]) : null;
        AtomicInteger connections = new AtomicInteger();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(listen, 200, loopback)) {
            System.out.println("listening on 127.0.0.1:" + listen + " -> 127.0.0.1:" + target + ", one-way delay "
                    + args[2] + " ms");
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Connection c = new Connection(connections.incrementAndGet(), flightLog);
                daemon(() -> serve(client, c, loopback, target, delayNanos, stats));
            }
        }
    }

    private static void serve(Socket client, Connection c, InetAddress host, int port, long delayNanos, Path stats) {
        long accepted = System.nanoTime();
        try (client; Socket upstream = new Socket()) {
            client.setTcpNoDelay(true);
            // The kernel completed the client's handshake at once, so its connect() returned a round trip early and
            // what it sends before it hears from the server leaves that much early: those bytes get the round trip
            // on top of their own delay. The server accepts when the handshake's last packet arrives, at 1.5 RTT.
            BlockingQueue<Chunk> toServer = reading(client.getInputStream(), c, true,
                    () -> c.clientHeard() ? delayNanos : 3 * delayNanos);
            sleepNanos(accepted + 3 * delayNanos - System.nanoTime());
            upstream.connect(new InetSocketAddress(host, port), 10_000);
            upstream.setTcpNoDelay(true);
            Thread up = writing(toServer, upstream.getOutputStream(), c, true);
            Thread down = writing(reading(upstream.getInputStream(), c, false, () -> delayNanos),
                    client.getOutputStream(), c, false);
            up.join();
            down.join();
        } catch (IOException | InterruptedException e) {
            // a connection refused or reset ends this connection only
        } finally {
            c.record(stats);
        }
    }

    /** Reads one side into chunks, each due once its delay has passed; a chunk without bytes marks the end. */
    private static BlockingQueue<Chunk> reading(InputStream in, Connection c, boolean fromClient, LongSupplier delay) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    c.saw(fromClient, n);
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delay.getAsLong(),
                            epochMicros()));
                }
            } catch (IOException e) {
                // closed
            }
            queue.add(new Chunk(null, 0, 0));
        });
        return queue;
    }

    /** Writes the chunks out in order, each when it is due: no write waits for anything else. */
    private static Thread writing(BlockingQueue<Chunk> queue, OutputStream out, Connection c, boolean fromClient) {
        return daemon(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes == null) {
                        out.close();
                        return;
                    }
                    sleepNanos(chunk.due - System.nanoTime());
                    out.write(chunk.bytes);
                    out.flush();
                    c.sent(fromClient, chunk.bytes.length, chunk.readMicros, epochMicros());
                }
            } catch (IOException | InterruptedException e) {
                // the peer went away
            }
        });
    }

    private record Chunk(byte[] bytes, long due, long readMicros) {
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Counts flights: a change of speaker starts a new one. */
    private static final class Connection {
        private final int id;
        private final Path flightLog;
        private final StringBuilder flights = new StringBuilder();
        private final AtomicInteger clientFlights = new AtomicInteger();
        private final AtomicInteger serverFlights = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicLong clientBytes = new AtomicLong();
        private final AtomicLong serverBytes = new AtomicLong();
        private Boolean lastFromClient;
        private volatile boolean clientHeard;

        Connection(int id, Path flightLog) {
            this.id = id;
            this.flightLog = flightLog;
        }

        synchronized void saw(boolean fromClient, int bytes) {
            if (lastFromClient == null || lastFromClient != fromClient) {
                (fromClient ? clientFlights : serverFlights).incrementAndGet();
                if (!fromClient && lastFromClient != null) {
                    answered.incrementAndGet();
                }
                lastFromClient = fromClient;
            }
            (fromClient ? clientBytes : serverBytes).addAndGet(bytes);
        }

        /** Whether the server's first bytes have reached the client. */
        boolean clientHeard() {
            return clientHeard;
        }

        /** Kept in memory and written at the end, so that logging never delays a chunk. */
        synchronized void sent(boolean fromClient, int bytes, long readMicros, long sentMicros) {
            clientHeard |= !fromClient;
            if (flightLog != null) {
                flights.append("conn=").append(id).append(fromClient ? " c>s" : " s>c").append(" bytes=").append(bytes)
                        .append(" read=").append(readMicros).append(" sent=").append(sentMicros).append('\n');
            }
        }

        synchronized void record(Path stats) {
            String line = "round_trips=" + (answered.get() + 1) + " client_flights=" + clientFlights.get()
                    + " server_flights=" + serverFlights.get() + " client_bytes=" + clientBytes.get()
                    + " server_bytes=" + serverBytes.get() + "\n";
            try {
                append(stats, line);
                if (flightLog != null) {
                    append(flightLog, flights.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Thread daemon(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

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
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for the benchmark that adds a fixed one-way delay in each direction (RTT = 2 x delay) and counts
 * the round trips each connection makes, seen from the wire rather than estimated.
 *
 * <pre>java bench/LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS STATS_FILE</pre>
 *
 * Loopback only: it listens on 127.0.0.1 and forwards to 127.0.0.1. A flight is what one side sends before the
 * other speaks; a round trip is a client flight the server answered (a closing message nobody answers costs no
 * wait), plus one for the TCP handshake. When a connection ends, one line goes to STATS_FILE:
 * {@code round_trips=N client_flights=C server_flights=S client_bytes=B server_bytes=B}.
 */
public final class LatencyProxy {

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java bench/LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS STATS_FILE");
            System.exit(2);
        }
        int listen = Integer.parseInt(args[0]);
        int target = Integer.parseInt(args[1]);
        long delayNanos = Long.parseLong(args[2]) * 1_000_000L;
        Path stats = Path.of(args[3]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(listen, 200, loopback)) {
            System.out.println("listening on 127.0.0.1:" + listen + " -> 127.0.0.1:" + target + ", one-way delay "
                    + args[2] + " ms");
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                daemon(() -> serve(client, loopback, target, delayNanos, stats));
            }
        }
    }

    private static void serve(Socket client, InetAddress host, int port, long delayNanos, Path stats) {
        Connection c = new Connection();
        try (client; Socket upstream = new Socket()) {
            client.setTcpNoDelay(true);
            // the handshake costs a round trip at the real latency too
            sleepNanos(2 * delayNanos);
            upstream.connect(new InetSocketAddress(host, port), 10_000);
            upstream.setTcpNoDelay(true);
            Thread up = pump(client.getInputStream(), upstream.getOutputStream(), delayNanos, c, true);
            Thread down = pump(upstream.getInputStream(), client.getOutputStream(), delayNanos, c, false);
            up.join();
            down.join();
        } catch (IOException | InterruptedException e) {
            // a connection refused or reset ends this connection only
        } finally {
            c.record(stats);
        }
    }

    /** Reads one direction and writes each chunk out once its delay has passed, in order. */
    private static Thread pump(InputStream in, OutputStream out, long delayNanos, Connection c, boolean fromClient) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread writer = daemon(() -> {
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
                }
            } catch (IOException | InterruptedException e) {
                // the peer went away
            }
        });
        daemon(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    c.saw(fromClient, n);
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // closed
            }
            queue.add(new Chunk(null, 0));
        });
        return writer;
    }

    private record Chunk(byte[] bytes, long due) {
    }

    /** Counts flights: a change of speaker starts a new one. */
    private static final class Connection {
        private final AtomicInteger clientFlights = new AtomicInteger();
        private final AtomicInteger serverFlights = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicLong clientBytes = new AtomicLong();
        private final AtomicLong serverBytes = new AtomicLong();
        private Boolean lastFromClient;

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

        synchronized void record(Path stats) {
            String line = "round_trips=" + (answered.get() + 1) + " client_flights=" + clientFlights.get()
                    + " server_flights=" + serverFlights.get() + " client_bytes=" + clientBytes.get()
                    + " server_bytes=" + serverBytes.get() + "\n";
            try {
                Files.writeString(stats, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

package dev.upgradecheck.engine.toy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The toy engine's database: a line protocol on a loopback port. {@code LOGIN user password} (answered
 * {@code OK} or {@code DENIED}), then {@code READ queue NAME} (answered {@code POSITION n}) or
 * {@code READ version}. It records every request after the login, which is what the read-only suite judges.
 */
public final class ToyServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String password;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ToyServer(String password) throws IOException {
        this.password = password;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "toy-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "toy://127.0.0.1:" + socket.getLocalPort();
    }

    /** Every request sent after a login, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                         StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String login = in.readLine();
                boolean admitted = login != null && login.startsWith("LOGIN ") && login.endsWith(" " + password);
                out.println(admitted ? "OK" : "DENIED");
                for (String line = admitted ? in.readLine() : null; line != null; line = in.readLine()) {
                    requests.add(line);
                    out.println(line.equals("READ version") ? "VERSION 1.0" : "POSITION 42");
                }
            } catch (IOException e) {
                // a client that went away; the next one is served
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

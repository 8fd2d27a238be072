package dev.upgradecheck.engine.toy;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The toy engine's client: one socket, the connect timeout on connect and login, the query timeout on reads. */
final class ToyConnection implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    private ToyConnection(Socket socket) throws IOException {
        this.socket = socket;
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static ToyConnection open(ConnectionSpec spec) {
        URI url = URI.create(spec.url());
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, spec.connectTimeout().duration().toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), connectMillis);
            socket.setSoTimeout(connectMillis);
            ToyConnection connection = new ToyConnection(socket);
            connection.out.println("LOGIN " + spec.user() + " " + spec.password().reveal());
            if (!"OK".equals(connection.in.readLine())) {
                throw new ConnectionFailedException("toy login refused for user " + spec.user(), null);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, spec.queryTimeout().duration().toMillis()));
            return connection;
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ConnectionFailedException("the toy server did not answer within the connect timeout ("
                    + spec.connectTimeout() + ")", e);
        } catch (IOException e) {
            close(socket);
            throw new ConnectionFailedException("cannot reach the toy server: " + e.getMessage(), e);
        }
    }

    /** One request, one answer line. */
    String read(String request) throws IOException {
        out.println("READ " + request);
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("the toy server closed the connection");
        }
        return answer;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what the user hears about
        }
    }

    @Override
    public void close() {
        close(socket);
    }
}

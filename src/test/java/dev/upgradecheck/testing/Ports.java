package dev.upgradecheck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Loopback ports for tests: one the OS just handed out and took back, so nothing listens on it. */
public final class Ports {

    private Ports() {
    }

    public static int unused() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.upgradecheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Masks secrets in everything written to the process's own stdout and stderr, including what drivers and
 * logging frameworks print there behind our back (JUL, SLF4J under --debug). Works line by line, so a
 * password is never split between two writes.
 */
final class RedactingOutputStream extends OutputStream {

    private final OutputStream target;
    private final UnaryOperator<String> redact;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutputStream(OutputStream target, UnaryOperator<String> redact) {
        this.target = target;
        this.redact = redact;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
    }

    private void emit() throws IOException {
        if (line.size() > 0) {
            target.write(redact.apply(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}

package dev.upgradecheck.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Bounded polling for tests against real servers, where some states arrive a moment after the statement that asks
 * for them (an Agent job stopping, an oplog being truncated). Returns the last answer, so the caller's assertion
 * fails with what was seen when the time ran out.
 */
public final class Eventually {

    /** One look at the server; may fail like the statement behind it. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Eventually() {
    }

    /** Asks {@code probe} every {@code every} until {@code done} holds or {@code limit} has passed. */
    public static <T> T poll(Duration limit, Duration every, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(every.toMillis());
            last = probe.get();
        }
        return last;
    }
}

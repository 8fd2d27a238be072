package dev.upgradecheck.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServerQueueTest {

    /** "server/database": the part before the slash is the server. */
    private static String server(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    @Test
    void aFullServersTargetsWaitWhileOtherServersGoFirstInInventoryOrder() throws Exception {
        ServerQueue<String> queue = new ServerQueue<>(List.of("a/1", "a/2", "a/3", "b/1", "a/4", "c/1"),
                ServerQueueTest::server, 2);

        assertThat(queue.take()).contains("a/1");
        assertThat(queue.take()).contains("a/2");
        assertThat(queue.take()).as("a is full: a/3 waits").contains("b/1");
        assertThat(queue.take()).contains("c/1");

        queue.done("a/1");
        assertThat(queue.take()).as("a's freed slot goes to its next target").contains("a/3");
        queue.done("a/2");
        queue.done("b/1");
        queue.done("c/1");
        assertThat(queue.take()).contains("a/4");
        assertThat(queue.take()).as("nothing left").isEmpty();
    }

    @Test
    void manyWorkersNeverRunMoreThanTheLimitOfOneServerAtOnce() throws Exception {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            targets.add((i % 3 == 0 ? "far" : "one") + "/" + i);
        }
        ServerQueue<String> queue = new ServerQueue<>(targets, ServerQueueTest::server, 3);
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                workers.add(pool.submit(() -> {
                    for (Optional<String> next = queue.take(); next.isPresent(); next = queue.take()) {
                        String t = next.get();
                        int now = running.computeIfAbsent(server(t), k -> new AtomicInteger()).incrementAndGet();
                        peak.computeIfAbsent(server(t), k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                        Thread.sleep(2);
                        running.get(server(t)).decrementAndGet();
                        ran.add(t);
                        queue.done(t);
                    }
                    return null;
                }));
            }
            for (Future<Void> w : workers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ran).containsExactlyInAnyOrderElementsOf(targets);
        // the first test shows the limit is reached; here sixteen threads must never pass it
        assertThat(peak.get("one").get()).isLessThanOrEqualTo(3);
        assertThat(peak.get("far").get()).isLessThanOrEqualTo(3);
    }
}

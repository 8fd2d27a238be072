package dev.upgradecheck.cli;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fleet's targets in inventory order, handed out so that no server runs more than its limit of them at once:
 * a worker takes the first waiting target whose server has a free slot, so two hundred databases on one server
 * never open two hundred connections, while targets on other servers go ahead of them.
 */
final class ServerQueue<T> {

    private final LinkedList<T> waiting;
    private final Function<T, String> server;
    private final int perServer;
    private final Map<String, Integer> running = new HashMap<>();

    /** @param server the key of a target's server (targets with equal keys share the limit) */
    ServerQueue(List<T> targets, Function<T, String> server, int perServer) {
        this.waiting = new LinkedList<>(targets);
        this.server = server;
        this.perServer = perServer;
    }

    /** The next target a server has room for, waiting while every waiting one's server is full; empty when none is left. */
    synchronized Optional<T> take() throws InterruptedException {
        while (!waiting.isEmpty()) {
            for (Iterator<T> it = waiting.iterator(); it.hasNext(); ) {
                T target = it.next();
                String key = server.apply(target);
                if (running.getOrDefault(key, 0) < perServer) {
                    it.remove();
                    running.merge(key, 1, Integer::sum);
                    return Optional.of(target);
                }
            }
            wait();
        }
        return Optional.empty();
    }

    /** The target is finished: its server's slot is free again. */
    synchronized void done(T target) {
        running.merge(server.apply(target), -1, Integer::sum);
        notifyAll();
    }
}

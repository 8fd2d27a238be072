package dev.upgradecheck.cli;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.InspectionSession;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The session of a single --url source, opened on a daemon thread from the moment the source is resolved: across a
 * network the login's round trips (TCP, SSL request, start-up and authentication) then overlap with the command's
 * own set-up (its checks, its reporter, a baseline or connector to read) instead of following it. The command takes
 * the session where it first needs it; one it never takes (bad input found after the start) is closed as soon as it
 * is open, without making the command wait for it.
 */
final class EarlySession implements AutoCloseable {

    private final ResolvedTarget target;
    private final CompletableFuture<InspectionSession> opening;
    private boolean taken;

    private EarlySession(ResolvedTarget target) {
        this.target = target;
        this.opening = CompletableFuture.supplyAsync(() -> target.inspector().open(target.spec()), task -> {
            Thread thread = new Thread(task, "upgrade-check-connect");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The targets with a single source's session started; a fleet's are returned as they are (its runner schedules
     * their connections per server), with nothing started.
     */
    static Started startFor(List<ResolvedTarget> targets, FleetOptions fleet) {
        if (fleet.isFleet()) {
            return new Started(targets, null);
        }
        EarlySession early = new EarlySession(targets.get(0));
        return new Started(List.of(targets.get(0).openingEarly(early)), early);
    }

    /**
     * Waits for the login and hands the session over: the caller closes it. It fails as {@link ResolvedTarget#open()}
     * does, with the background thread's own exception (one line, the same exit code), and a login refused for want
     * of a password asks for one here, on the command's thread.
     */
    synchronized InspectionSession take() {
        if (taken) {
            throw new IllegalStateException("the early session was already taken");
        }
        taken = true;
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectionFailedException failed) {
                return target.afterRefusal(failed);
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes a session nobody took, now if it is open, else on the connecting thread once it is. */
    @Override
    public synchronized void close() {
        if (!taken) {
            taken = true;
            opening.thenAccept(InspectionSession::close);
        }
    }

    /** The targets to run, and the session started for a single one (null for a fleet). */
    record Started(List<ResolvedTarget> targets, EarlySession session) implements AutoCloseable {
        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}

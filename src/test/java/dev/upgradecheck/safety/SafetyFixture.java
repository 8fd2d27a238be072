package dev.upgradecheck.safety;

import dev.upgradecheck.engine.EngineRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the safety suite runs one engine, found through {@link java.util.ServiceLoader} like the engines themselves
 * (src/test/resources/META-INF/services/dev.upgradecheck.safety.SafetyFixture). {@link EngineSafetyTest} runs the
 * read-only, secrets and timeout guarantees over every engine the registry finds, through its fixture; an engine
 * without one fails {@code everyEngineHasASafetyFixture}.
 */
public interface SafetyFixture {

    /** The engine this fixture runs, as {@code --engine} names it. */
    String engine();

    /** This engine's URL for a host at this loopback port: the timeout suite points it at a host that never speaks. */
    String urlAt(int port);

    /**
     * A running source of this engine that admits a login with this password (a real server, a recorded catalog, a
     * wire-protocol peer), recording what the tool sends it. Aborts the test (an assumption, saying why) where the
     * source cannot run on this machine.
     */
    Source start(String password, Path dir) throws Exception;

    /** One running source, closed by the suite. */
    interface Source extends AutoCloseable {

        /** The engines the command line runs with: the real registry, or one over a recorded catalog. */
        EngineRegistry engines();

        /** {@code --url URL --user USER}: the password is given by the suite, from each of its sources. */
        List<String> connection();

        /**
         * What the tool sent the source since the last call, as the source itself recorded it (a server's statement
         * log, the catalog's record); empty when this source cannot record requests, saying why.
         */
        Recorded sent();

        @Override
        void close() throws Exception;
    }

    /** The requests a source recorded and whether each is a read, or why it cannot tell. */
    record Recorded(List<String> requests, java.util.function.Predicate<String> isRead, String whyNone) {

        public static Recorded of(List<String> requests, java.util.function.Predicate<String> isRead) {
            return new Recorded(List.copyOf(requests), isRead, null);
        }

        public static Recorded unavailable(String why) {
            return new Recorded(List.of(), r -> false, why);
        }

        public Optional<String> unavailable() {
            return Optional.ofNullable(whyNone);
        }
    }
}

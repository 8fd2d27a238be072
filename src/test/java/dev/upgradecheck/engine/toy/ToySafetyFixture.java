package dev.upgradecheck.engine.toy;

import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.safety.SafetyFixture;

import java.nio.file.Path;
import java.util.List;

/**
 * How the safety suite runs the toy engine: a toy server that admits the suite's password and records every
 * request, of which only {@code READ ...} is a read. Registered in
 * src/test/resources/META-INF/services/dev.upgradecheck.safety.SafetyFixture.
 */
public final class ToySafetyFixture implements SafetyFixture {

    @Override
    public String engine() {
        return "toy";
    }

    @Override
    public String urlAt(int port) {
        return "toy://127.0.0.1:" + port;
    }

    @Override
    public Source start(String password, Path dir) throws Exception {
        ToyServer server = new ToyServer(password);
        int[] seen = {0};
        return new Source() {
            @Override
            public EngineRegistry engines() {
                return EngineRegistry.load();
            }

            @Override
            public List<String> connection() {
                return List.of("--url", server.url(), "--user", "cdc");
            }

            @Override
            public Recorded sent() {
                List<String> all = server.requests();
                List<String> since = all.subList(seen[0], all.size());
                seen[0] = all.size();
                return Recorded.of(since, request -> request.startsWith("READ "));
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }
}

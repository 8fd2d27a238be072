package dev.upgradecheck.safety;

import dev.upgradecheck.engine.EngineRegistry;

import java.util.List;
import java.util.ServiceLoader;

/** The safety fixtures on the class path, one per engine, found as the engines are. */
final class SafetyFixtures {

    static final List<SafetyFixture> ALL = ServiceLoader.load(SafetyFixture.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    private SafetyFixtures() {
    }

    /** Every engine the registry finds, by its --engine name. */
    static List<String> engines() {
        EngineRegistry registry = EngineRegistry.load();
        return registry.names().stream().map(registry::find).map(i -> i.engine()).distinct().toList();
    }

    static java.util.Optional<SafetyFixture> of(String engine) {
        return ALL.stream().filter(f -> f.engine().equals(engine)).findFirst();
    }
}

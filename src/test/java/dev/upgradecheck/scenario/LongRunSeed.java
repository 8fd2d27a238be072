package dev.upgradecheck.scenario;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The long run's seed from {@code -Dscenarios.seed} (the scenarios profile passes it), so that a long run can be
 * split across machines or processes, each with its own seed, and each part reproduced by its seed alone. Without the
 * property the annotation's seed stands.
 */
final class LongRunSeed implements AroundPropertyHook {

    static final String PROPERTY = "scenarios.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty(PROPERTY, "").strip();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}

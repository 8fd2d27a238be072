package dev.upgradecheck.cli;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.ConnectTarget;

import java.util.Optional;

/**
 * One source, ready to run: its name in a fleet (null for a single --url), its engine, how to reach it
 * (URL already checked, password resolved and masked), its options, and the connector that reads it (null without
 * --connect-url).
 */
record ResolvedTarget(String name, SourceInspector inspector, ConnectionSpec spec, TargetOptions options,
                      ConnectTarget pipeline) {

    Optional<ConnectTarget> connector() {
        return Optional.ofNullable(pipeline);
    }

    InspectionSession open() {
        return inspector.open(spec);
    }

    String engine() {
        return inspector.engine();
    }
}

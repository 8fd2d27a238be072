package dev.upgradecheck.cli;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceAddress;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;

/**
 * One source, ready to run: its name in a fleet (null for a single --url), its engine, how to reach it
 * (URL already checked, password resolved and masked) and its options.
 */
record ResolvedTarget(String name, SourceInspector inspector, ConnectionSpec spec, TargetOptions options) {

    InspectionSession open() {
        return inspector.open(spec);
    }

    String engine() {
        return inspector.engine();
    }

    /** host/database from the URL (no credentials), or null when the URL does not say. */
    String address() {
        return SourceAddress.fromUrl(spec.url()).map(SourceAddress::toString).orElse(null);
    }
}

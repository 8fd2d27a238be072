package dev.upgradecheck.cli;

import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.PipelineView;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Where a target's baseline lives (the file given, or DIR/name.json in a fleet), and how one is taken. */
final class Baselines {

    private Baselines() {
    }

    static Path pathFor(Path given, ResolvedTarget target) {
        return target.name() == null ? given : given.resolve(target.name() + ".json");
    }

    static Optional<Baseline> read(Path given, ResolvedTarget target) {
        return Optional.ofNullable(given).map(g -> BaselineFile.read(pathFor(g, target), target.engine()));
    }

    /** @param pipeline what the connector said (its committed offsets), or null without --connect-url */
    static Path save(Path given, ResolvedTarget target, InspectionSession session, PipelineView pipeline) {
        Path file = pathFor(given, target);
        BaselineFile.write(file, new Baseline(Baseline.SCHEMA_VERSION, target.engine(), ToolVersion.current(),
                Instant.now(), session.server(), Json.mapper().valueToTree(session.captureBaseline(target.options())),
                pipeline));
        return file;
    }
}

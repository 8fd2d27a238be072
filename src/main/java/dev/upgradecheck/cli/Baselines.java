package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.PipelineView;

import java.nio.file.Files;
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

    /**
     * Before connecting: the directory the baseline goes to exists, and no baseline is there yet unless
     * {@code force}. A re-run from shell history after the upgrade would otherwise replace the good baseline.
     */
    static void prepareSave(Path given, ResolvedTarget target, boolean force) {
        Path file = pathFor(given, target);
        if (Files.exists(file) && !force) {
            throw new BadInputException("baseline " + file + " already exists (it may be the one from before the "
                    + "upgrade): give --force to replace it, or choose another file");
        }
        OutputDirectory.createFor(file, "--save-baseline");
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

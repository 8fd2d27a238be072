package dev.upgradecheck.engine;

import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.Optional;

/**
 * One request to an open session: the user's options, which checks to run (--only/--skip), and what the tool
 * could see of the CDC reader itself (null without --connect-url).
 */
public record Inspection(TargetOptions options, CheckSelection selection, PipelineView pipeline) {

    public Inspection(TargetOptions options, CheckSelection selection) {
        this(options, selection, null);
    }

    /** A request with every check selected and no view of the reader (snapshot-advice, plan). */
    public static Inspection of(TargetOptions options) {
        return new Inspection(options, CheckSelection.ALL);
    }

    /** The connector's own view (state, committed offsets), when the user gave --connect-url. */
    public Optional<PipelineView> reader() {
        return Optional.ofNullable(pipeline);
    }
}

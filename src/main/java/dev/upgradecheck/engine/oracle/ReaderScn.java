package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.Optional;

/**
 * The Debezium Oracle connector's committed position: {@code scn}, where LogMiner resumes (the oldest change of any
 * transaction still open, so the redo from it on must still exist), and {@code commit_scn}, the last commit it
 * emitted ({@code 4500100} before Debezium 2.0, {@code 4500100:1:0a001b00...} per redo thread since, comma-separated).
 * The connector has one source partition, {@code {"server": <topic.prefix>}}.
 *
 * @param commitScn the highest commit SCN over the redo threads, or null when the offset has none
 * @param source    where the offset was read: the live connector, or the baseline's record of it
 */
record ReaderScn(Scn scn, Scn commitScn, boolean inSnapshot, String source) {

    static Optional<ReaderScn> of(PipelineView view, String source) {
        if (view.offsets().size() != 1) {
            return Optional.empty();
        }
        ConnectorOffset offset = view.offsets().get(0);
        try {
            Optional<Scn> scn = offset.text("scn").map(Scn::parse);
            Scn commit = offset.text("commit_scn").map(ReaderScn::highestCommit).orElse(null);
            return scn.map(s -> new ReaderScn(s, commit, offset.inSnapshot(), source));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Scn highestCommit(String text) {
        Scn highest = null;
        for (String thread : text.split(",")) {
            Scn scn = Scn.parse(thread.split(":")[0]);
            highest = highest == null || scn.isAfter(highest) ? scn : highest;
        }
        return highest;
    }

    /** What it would read again from: its resume SCN. */
    @Override
    public String toString() {
        return "SCN " + scn + " (" + source + ")";
    }
}

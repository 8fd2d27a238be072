package dev.upgradecheck.pipeline;

import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runbook steps that touch the connector, for every engine: stop (or pause) it before the upgrade and record its
 * committed offsets, resume it after, and the two documented ways to re-snapshot when snapshot-advice says so
 * (Debezium's signal-based incremental snapshot, or deleting the offsets of the STOPPED connector). Each step is
 * exact curl lines; the tool itself never sends them.
 */
public final class ConnectorSteps {

    private ConnectorSteps() {
    }

    /**
     * @param signal the INSERT that asks for an incremental snapshot of the captured tables, when the connector has
     *               a signal table and the engine knows how to write to it; else empty
     * @param noSignal why there is no such statement (said in its place)
     */
    public static Runbook add(Runbook runbook, ConnectTarget target, Optional<WorkerVersion> worker,
                              Optional<String> signal, String noSignal) {
        ConnectCurl curl = new ConnectCurl(target);
        String name = "'" + target.connector() + "'";
        boolean stop = worker.map(WorkerVersion::canStop).orElse(true);
        boolean reset = worker.map(WorkerVersion::canResetOffsets).orElse(false);
        String version = worker.map(w -> "Kafka Connect " + w.kafka().text()).orElse("a worker of unknown version");

        List<Step> before = new ArrayList<>();
        before.add(Step.of(Phase.BEFORE, (stop ? "Stop" : "Pause") + " the connector " + name,
                "With writes stopped and upgrade-check drain reporting drained, so that nothing is in flight. "
                        + (stop ? "STOPPED (Kafka Connect 3.5+) shuts its tasks down and keeps its offsets"
                        + (worker.isEmpty() ? "; on a worker older than 3.5 use .../pause instead" : "") + "."
                        : "This worker (" + version + ") has no stop (Kafka 3.5+): pause keeps the tasks "
                        + "assigned but idle."),
                curl.put(stop ? "stop" : "pause"), curl.get("status")));
        before.add(Step.of(Phase.BEFORE, "Record the connector's committed offsets",
                "The position it will resume from; keep it with the baseline (precheck --save-baseline with "
                        + "--connect-url records it too)." + (stop ? "" : " Needs Kafka Connect 3.5+."),
                curl.get("offsets") + " > " + offsetsFile(target.connector())));

        List<Step> after = new ArrayList<>();
        after.add(Step.of(Phase.AFTER, "Only if snapshot-advice says a re-snapshot is needed: start the connector's "
                        + "history over",
                reset ? "With the connector still STOPPED, delete its offsets (Kafka Connect 3.6+): on resume it "
                        + "snapshots again as its snapshot.mode says. Or keep the offsets and use the incremental "
                        + "snapshot step after the resume, for the named tables only."
                        : "Deleting a connector's offsets needs Kafka Connect 3.6+ (" + version + "): use the "
                        + "incremental snapshot step after the resume instead.",
                reset ? new String[]{curl.delete("offsets")} : new String[0]));
        after.add(Step.of(Phase.AFTER, "Resume the connector " + name,
                "Once verify and snapshot-advice agree; then check that every task is RUNNING.",
                curl.put("resume"), curl.get("status")));
        after.add(Step.of(Phase.AFTER, "Only if snapshot-advice names tables to re-snapshot: an incremental snapshot",
                signal.isPresent()
                        ? "Debezium reads the named tables again while streaming goes on (its signal table, "
                        + "signal.data.collection, must be captured by the connector)."
                        : noSignal,
                signal.map(s -> new String[]{s}).orElse(new String[0])));

        List<Step> steps = new ArrayList<>(runbook.steps());
        steps.addAll(afterLast(steps, Phase.BEFORE), before);
        steps.addAll(resumeStep(steps), after);
        return new Runbook(runbook.engine(), runbook.title(), runbook.notes(), steps);
    }

    private static int afterLast(List<Step> steps, Phase phase) {
        int index = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).phase() == phase) {
                index = i + 1;
            }
        }
        return index;
    }

    /**
     * Where the connector's own steps go after the upgrade: before the engine's step that resumes the CDC source
     * (every engine's runbook has one, in words), so that the runbook resumes the connector once, with the exact
     * calls; at the end when there is no such step.
     */
    private static int resumeStep(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.phase() == Phase.AFTER && step.title().toLowerCase(java.util.Locale.ROOT).startsWith("resume")) {
                return i;
            }
        }
        return steps.size();
    }

    /** A file name for the saved offsets: the connector's name with anything unusual replaced. */
    private static String offsetsFile(String connector) {
        return connector.replaceAll("[^A-Za-z0-9._-]", "_") + "-offsets-before.json";
    }
}

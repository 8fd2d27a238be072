package dev.upgradecheck.pipeline;

import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.ShellWord;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;
import dev.upgradecheck.plan.Step.ReaderAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runbook steps that touch the connector, for every engine: stop (or pause) it before the upgrade and record its
 * committed offsets, resume it after, and the two documented ways to re-snapshot when snapshot-advice says so
 * (Debezium's signal-based incremental snapshot, or deleting the offsets of the STOPPED connector). Each step is
 * exact curl lines; the tool itself never sends them.
 *
 * <p>They take the place of the engine's own steps that stop, resume and re-snapshot the reader (each engine's
 * runbook declares which, {@link ReaderAction}): the engine's reasons stay, its generic words give way to the calls.
 */
public final class ConnectorSteps {

    /** The runbook commands that read the reader's position, and so take the connector's flags. */
    private static final List<String> READING_COMMANDS = List.of("upgrade-check precheck", "upgrade-check drain",
            "upgrade-check verify", "upgrade-check snapshot-advice");

    private final ConnectCurl curl;
    private final String name;
    private final String offsetsFile;
    private final boolean stop;
    private final boolean reset;
    private final String version;
    private final boolean unknownWorker;
    private final Optional<String> signal;
    private final String noSignal;
    private final String toolFlags;

    private ConnectorSteps(ConnectTarget target, Optional<WorkerVersion> worker, Optional<String> signal,
                           String noSignal) {
        this.curl = new ConnectCurl(target);
        this.name = "'" + target.connector() + "'";
        this.offsetsFile = offsetsFile(target.connector());
        this.stop = worker.map(WorkerVersion::canStop).orElse(true);
        this.reset = worker.map(WorkerVersion::canResetOffsets).orElse(false);
        this.version = worker.map(w -> "Kafka Connect " + w.kafka().text()).orElse("a worker of unknown version");
        this.unknownWorker = worker.isEmpty();
        this.signal = signal;
        this.noSignal = noSignal;
        this.toolFlags = toolFlags(target);
    }

    /**
     * The tool's own flags for this connector, so that the runbook's precheck (the baseline), drain, verify and
     * snapshot-advice read its committed offset: the evidence their verdicts rest on. Credentials as where they are
     * kept, never their value.
     */
    private static String toolFlags(ConnectTarget target) {
        ConnectEndpoint endpoint = target.endpoint();
        StringBuilder flags = new StringBuilder(" --connect-url " + ShellWord.quote(endpoint.url().toString())
                + " --connector " + ShellWord.quote(target.connector()));
        ConnectAuth auth = endpoint.auth();
        if (!auth.isNone()) {
            if (auth.user() != null) {
                flags.append(" --connect-user ").append(ShellWord.quote(auth.user()));
            }
            int space = auth.source().indexOf(' ');
            flags.append(' ').append(auth.source(), 0, space).append(' ')
                    .append(ShellWord.quote(auth.source().substring(space + 1)));
        }
        if (endpoint.ca() != null) {
            flags.append(" --connect-ca ").append(ShellWord.quote(endpoint.ca().toString()));
        }
        return flags.toString();
    }

    /** The engine's step with its upgrade-check commands pointed at this connector. */
    private Step readingTheConnector(Step step) {
        List<String> statements = step.statements().stream().map(s -> {
            for (String command : READING_COMMANDS) {
                if (s.startsWith(command)) {
                    return command + toolFlags + s.substring(command.length())
                            .replace(" --connect-url <connect-url> --connector <connector>", "");
                }
            }
            return s;
        }).toList();
        return new Step(step.phase(), step.title(), step.detail(), statements, step.reader());
    }

    /**
     * @param signal the INSERT that asks for an incremental snapshot of the captured tables, when the connector has
     *               a signal table and the engine knows how to write to it; else empty
     * @param noSignal why there is no such statement (said in its place)
     */
    public static Runbook add(Runbook runbook, ConnectTarget target, Optional<WorkerVersion> worker,
                              Optional<String> signal, String noSignal) {
        return new ConnectorSteps(target, worker, signal, noSignal).into(runbook);
    }

    private Runbook into(Runbook runbook) {
        boolean engineResnapshots = runbook.steps().stream().anyMatch(s -> s.reader() == ReaderAction.RESNAPSHOT);
        List<Step> steps = new ArrayList<>();
        boolean stopped = false;
        boolean snapshotPlaced = false;
        for (Step engineStep : runbook.steps()) {
            Step step = readingTheConnector(engineStep);
            switch (step.reader()) {
                case STOP -> {
                    steps.add(stopStep(step));
                    steps.add(recordOffsetsStep());
                    stopped = true;
                }
                case RESUME -> {
                    if (stopped) {
                        steps.add(resetOffsetsStep());
                        steps.add(resumeStep(step));
                    } else {
                        steps.add(step);
                    }
                    if (!engineResnapshots) {
                        steps.add(incrementalSnapshotStep(null));
                        snapshotPlaced = true;
                    }
                }
                case RESNAPSHOT -> {
                    steps.add(incrementalSnapshotStep(step));
                    snapshotPlaced = true;
                }
                case NONE -> steps.add(step);
            }
        }
        if (!snapshotPlaced) {
            steps.add(incrementalSnapshotStep(null));
        }
        List<String> notes = new ArrayList<>(runbook.notes());
        if (!stopped) {
            notes.add("This upgrade keeps the CDC reader running, so the connector " + name + " is neither stopped nor "
                    + "resumed; once the server is back, check that every task is RUNNING: " + curl.get("status"));
        }
        return new Runbook(runbook.engine(), runbook.title(), notes, steps);
    }

    /** The engine's stop step, done by the connector's own call. */
    private Step stopStep(Step engine) {
        String how = stop ? "STOPPED (Kafka Connect 3.5+) shuts its tasks down and keeps its offsets"
                + (unknownWorker ? "; on a worker older than 3.5 use .../pause instead" : "") + "."
                : "This worker (" + version + ") has no stop (Kafka 3.5+): pause keeps the tasks assigned but idle.";
        return merged(engine, (stop ? "Stop" : "Pause") + " the connector " + name, how,
                curl.put(stop ? "stop" : "pause"), curl.get("status"));
    }

    private Step recordOffsetsStep() {
        return Step.of(Phase.BEFORE, "Record the connector's committed offsets",
                "The position it will resume from; keep it with the baseline (precheck --save-baseline with "
                        + "--connect-url records it too)." + (stop ? "" : " Needs Kafka Connect 3.5+."),
                curl.get("offsets") + " > " + offsetsFile);
    }

    private Step resetOffsetsStep() {
        return Step.of(Phase.AFTER, "Only if snapshot-advice says a re-snapshot is needed: start the connector's "
                        + "history over",
                reset ? "With the connector still STOPPED, delete its offsets (Kafka Connect 3.6+): on resume it "
                        + "snapshots again as its snapshot.mode says. Or keep the offsets and re-snapshot only the "
                        + "named tables with the incremental snapshot after the resume."
                        : "Deleting a connector's offsets needs Kafka Connect 3.6+ (" + version + "): re-snapshot the "
                        + "named tables with the incremental snapshot after the resume instead.",
                reset ? new String[]{curl.delete("offsets")} : new String[0]);
    }

    /** The engine's resume step (its verdict-dependent advice kept), done by the connector's own call. */
    private Step resumeStep(Step engine) {
        return merged(engine, "Resume the connector " + name,
                "Then check that every task is RUNNING.",
                curl.put("resume"), curl.get("status"));
    }

    /**
     * Debezium's signal for the named tables: in the engine's re-snapshot step when it has one (its reasons kept,
     * its placeholder statement replaced), else a step of its own.
     */
    private Step incrementalSnapshotStep(Step engine) {
        String how = signal.isPresent()
                ? "Debezium reads the named tables again while streaming goes on (its signal table, "
                + "signal.data.collection, must be captured by the connector)."
                : noSignal;
        String[] statements = signal.map(s -> new String[]{s}).orElse(new String[0]);
        if (engine == null) {
            return Step.of(Phase.AFTER, "Only if snapshot-advice names tables to re-snapshot: an incremental "
                    + "snapshot", how, statements);
        }
        List<String> kept = signal.isPresent() ? List.of() : engine.statements();
        return new Step(engine.phase(), engine.title(), join(engine.detail(), how),
                Stream.concat(kept.stream(), Stream.of(statements)).toList());
    }

    /** One step where the engine had one: the connector's title, the engine's reasons then the connector's. */
    private static Step merged(Step engine, String title, String detail, String... calls) {
        return new Step(engine.phase(), title, join(engine.detail(), detail),
                Stream.concat(engine.statements().stream(), Stream.of(calls)).toList());
    }

    private static String join(String first, String second) {
        return first == null || first.isBlank() ? second : first + " " + second;
    }

    /** A file name for the saved offsets: the connector's name with anything unusual replaced. */
    private static String offsetsFile(String connector) {
        return connector.replaceAll("[^A-Za-z0-9._-]", "_") + "-offsets-before.json";
    }
}

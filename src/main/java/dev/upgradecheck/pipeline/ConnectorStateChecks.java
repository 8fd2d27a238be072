package dev.upgradecheck.pipeline;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.UserText;

import java.util.List;
import java.util.Set;

/**
 * The checks every engine shares about a connector, from what Kafka Connect said: the connector's state, its tasks'
 * states (a failed task's trace), and whether its committed offsets could be read. What the offsets mean for the
 * source is the engine's business ({@code InspectionSession.connectorChecks}).
 */
public final class ConnectorStateChecks {

    /** Before the window a stopped connector is a warning; during and after it, it is how the runbook left it. */
    public enum Moment { BEFORE_WINDOW, IN_WINDOW }

    private static final Set<String> HALTED = Set.of("PAUSED", "STOPPED");

    private record Context(PipelineReading reading, ConnectCurl curl, Moment moment) {
        PipelineView view() {
            return reading.view();
        }
    }

    private static final List<Check<Context>> CHECKS = List.of(
            Check.of("connect.connector", "Connector is running", ConnectorStateChecks::connector),
            Check.of("connect.tasks", "Every task of the connector is running", ConnectorStateChecks::tasks),
            Check.of("connect.offsets.available", "Connector's committed offsets can be read",
                    ConnectorStateChecks::offsets));

    private ConnectorStateChecks() {
    }

    public static List<CheckResult> run(PipelineReading reading, ConnectCurl curl, Moment moment,
                                        CheckSelection selection) {
        // nothing in these checks throws: every answer was read and parsed before they run
        CheckRunner runner = new CheckRunner(selection, e -> Outcome.error(UserText.firstLine(e.getMessage()), null));
        return runner.run(CHECKS, new Context(reading, curl, moment));
    }

    private static Outcome connector(Context c) {
        String state = String.valueOf(c.view().state());
        String observed = state + " (" + c.view().connectorClass() + ")";
        if (state.equals("RUNNING")) {
            return Outcome.pass(observed);
        }
        if (HALTED.contains(state)) {
            return c.moment() == Moment.IN_WINDOW
                    ? Outcome.pass(observed, "expected during the window; resume it once verify and snapshot-advice "
                    + "agree")
                    : Outcome.warn(observed, "RUNNING", "the connector is not reading: changes pile up in the source's "
                    + "log until it resumes", c.curl().put("resume"));
        }
        if (state.equals("FAILED")) {
            return Outcome.fail(observed, "RUNNING", "the connector itself failed (its tasks' traces say why)",
                    c.curl().post("restart?includeTasks=true&onlyFailed=true"));
        }
        return Outcome.warn(observed, "RUNNING", "the connector is " + state + ": no worker is running it now", null);
    }

    private static Outcome tasks(Context c) {
        List<TaskStatus> tasks = c.reading().tasks();
        for (TaskStatus task : tasks) {
            if ("FAILED".equals(task.state())) {
                return Outcome.fail("task " + task.id() + " FAILED: " + UserText.firstLine(task.trace()), "RUNNING",
                        "a failed task reads nothing; its trace says why", c.curl().post("tasks/" + task.id() + "/restart"));
            }
        }
        String states = tasks.stream().map(t -> t.id() + " " + t.state()).reduce((a, b) -> a + ", " + b).orElse("none");
        if (tasks.isEmpty()) {
            return "STOPPED".equals(c.view().state())
                    ? Outcome.pass("no tasks: the connector is STOPPED")
                    : Outcome.warn("no tasks", "one RUNNING task or more", "nothing is reading the source", null);
        }
        if (tasks.stream().allMatch(t -> "RUNNING".equals(t.state()))) {
            return Outcome.pass(states);
        }
        if (c.moment() == Moment.IN_WINDOW && tasks.stream().allMatch(t -> HALTED.contains(t.state())
                || "RUNNING".equals(t.state()))) {
            return Outcome.pass(states, "expected during the window");
        }
        return Outcome.warn(states, "every task RUNNING", "a task that is not running reads nothing", null);
    }

    private static Outcome offsets(Context c) {
        PipelineView view = c.view();
        if (view.offsetsKnown()) {
            return view.offsets().isEmpty()
                    ? Outcome.warn("no committed offset", "the connector's committed position", "the connector has "
                    + "not committed a position (new, or its offsets were deleted): on restart it starts from its "
                    + "snapshot mode", null)
                    : Outcome.pass(view.offsets().size() + " committed offset(s), read at " + view.readAt());
        }
        String version = c.reading().workerVersion() == null ? "" : " (Kafka Connect " + c.reading().workerVersion() + ")";
        return c.reading().offsetsEndpointMissing()
                ? Outcome.skip(view.offsetsUnavailable() + version)
                : Outcome.error(view.offsetsUnavailable(), null);
    }
}

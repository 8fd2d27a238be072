package dev.upgradecheck.pipeline;

import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Outcome;

/**
 * drain's answer as its report's one check: PASS when the reader's position covers the head, FAIL when the time ran
 * out first (saying how far behind it still is), ERROR when the engine cannot measure its reader at all.
 */
public final class DrainCheck {

    public static final String ID = "drain";
    private static final String TITLE = "The CDC reader has drained to the source's head";
    private static final String EXPECTED = "the reader's committed position covers every change written, with "
            + "writes stopped";

    private DrainCheck() {
    }

    /**
     * @param status        the last measure
     * @param fromConnector whether it rests on the connector's committed offset (--connect-url)
     * @param waited        how long drain waited, as the user wrote it (e.g. {@code 10m})
     */
    public static CheckResult of(DrainStatus status, boolean fromConnector, String waited) {
        if (!status.measurable()) {
            return CheckResult.of(ID, TITLE, Outcome.error("cannot measure the reader's position: " + status.behind(),
                    fromConnector ? null : "give --connect-url and --connector (or --debezium-config): the connector's committed offset"));
        }
        String observed = (status.reader() == null ? "reader's position unknown" : "reader at " + status.reader())
                + ", head at " + status.head();
        String basis = fromConnector ? status.basis() : status.basis() + ": what the server alone can see, weaker "
                + "than the connector's own committed offset (--connect-url)";
        if (status.drained()) {
            return CheckResult.of(ID, TITLE, Outcome.pass(observed, basis));
        }
        return CheckResult.of(ID, TITLE, Outcome.fail("not drained after " + waited + ": still " + status.behind()
                        + " behind (" + observed + ")", EXPECTED, basis,
                "stop every write to the captured tables, make sure the connector's tasks are RUNNING, then run "
                        + "drain again with a longer --timeout"));
    }
}

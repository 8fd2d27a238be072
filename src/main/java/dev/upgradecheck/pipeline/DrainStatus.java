package dev.upgradecheck.pipeline;

/**
 * How far the CDC reader is from the source's head, as one engine measures it for {@code drain}.
 *
 * @param drained  true only when the reader's position is proven to cover every change written so far
 * @param reader   the reader's position as the engine shows it (e.g. an LSN, a GTID set), or null if unknown
 * @param head     the source's current position, or null if unknown
 * @param behind   how far behind, in the engine's terms (bytes, transactions, seconds), or why unknown
 * @param basis    what the measure rests on: the connector's committed offset, or what the server alone can see
 *                 (weaker: a server-side position is not the position the connector will resume from)
 */
public record DrainStatus(boolean drained, String reader, String head, String behind, String basis) {

    private static final String UNMEASURED = "none";

    /** An engine that cannot measure its reader: never drained, saying why. */
    public static DrainStatus unknown(String why) {
        return new DrainStatus(false, null, null, why, UNMEASURED);
    }

    /** Whether the engine measured anything; when not, {@code behind} says why. */
    public boolean measurable() {
        return !UNMEASURED.equals(basis);
    }
}

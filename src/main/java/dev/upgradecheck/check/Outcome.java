package dev.upgradecheck.check;

/**
 * What a check found: its status, what was observed, what was expected, why, and the exact remedy.
 * Any field but status may be null.
 */
public record Outcome(Status status, String observed, String expected, String detail, String remedy) {

    public Outcome {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    public static Outcome pass(String observed) {
        return new Outcome(Status.PASS, observed, null, null, null);
    }

    public static Outcome pass(String observed, String detail) {
        return new Outcome(Status.PASS, observed, null, detail, null);
    }

    public static Outcome warn(String observed, String expected, String detail, String remedy) {
        return new Outcome(Status.WARN, observed, expected, detail, remedy);
    }

    public static Outcome fail(String observed, String expected, String detail, String remedy) {
        return new Outcome(Status.FAIL, observed, expected, detail, remedy);
    }

    public static Outcome error(String detail, String remedy) {
        return new Outcome(Status.ERROR, null, null, detail, remedy);
    }

    public static Outcome skip(String reason) {
        return new Outcome(Status.SKIP, null, null, reason, null);
    }

    /** The same outcome with {@code expected} set, for checks that state it once for every branch. */
    public Outcome expecting(String value) {
        return new Outcome(status, observed, value, detail, remedy);
    }
}

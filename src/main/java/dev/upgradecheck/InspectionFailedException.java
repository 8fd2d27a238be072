package dev.upgradecheck;

/**
 * Connected, but could not read what the command needs (a refused catalog view, a timeout): exit 1, as an ERROR
 * check would be. The message says what was refused and, where known, the GRANT that fixes it.
 */
public class InspectionFailedException extends UpgradeCheckException {

    public InspectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code what} could not be done, with the engine's reading of the failure ({@code why}: detail and fix). */
    public static InspectionFailedException because(String what, dev.upgradecheck.check.Outcome why, Throwable cause) {
        return new InspectionFailedException(what + ": " + why.detail()
                + (why.remedy() == null ? "" : "; fix: " + why.remedy().replace('\n', ' ')), cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.CHECK_FAILED;
    }
}

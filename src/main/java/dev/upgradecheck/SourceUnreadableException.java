package dev.upgradecheck;

/**
 * Connected, but the source would not show what a whole command needs (a refused view, a timeout): the
 * command-level twin of a check's ERROR. Exit code 1, like an ERRORed check; the message names what is
 * missing and, for privileges, the GRANT that fixes it.
 */
public class SourceUnreadableException extends UpgradeCheckException {

    public SourceUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.CHECK_FAILED;
    }
}

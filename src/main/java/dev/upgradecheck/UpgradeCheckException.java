package dev.upgradecheck;

/** A failure the user can act on: its message is the one line printed, its exit code is documented. */
public abstract class UpgradeCheckException extends RuntimeException {

    protected UpgradeCheckException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract int exitCode();
}

package dev.upgradecheck;

/** Could not reach or authenticate to the source database. Exit code 3. */
public class ConnectionFailedException extends UpgradeCheckException {

    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.CONNECTION_FAILED;
    }
}

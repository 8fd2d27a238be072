package dev.upgradecheck;

/** Bad input from the user: a flag, a URL, a baseline or inventory file. Exit code 2. */
public class BadInputException extends UpgradeCheckException {

    public BadInputException(String message) {
        super(message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.BAD_INPUT;
    }
}

package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.UpgradeCheckException;

/** The baseline could not be read from the source (a refused view): exit 1 with the grant that fixes it. */
final class BaselineUnavailableException extends UpgradeCheckException {

    BaselineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.CHECK_FAILED;
    }
}

package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.SourceUnreadableException;

/** The baseline could not be read from the source (a refused view): exit 1 with the grant that fixes it. */
final class BaselineUnavailableException extends SourceUnreadableException {

    BaselineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

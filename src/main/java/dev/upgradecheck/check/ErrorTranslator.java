package dev.upgradecheck.check;

/**
 * Turns an exception thrown while evaluating a check into an ERROR outcome that says what was missing
 * and how to fix it. Engines know their error codes (missing privilege, timeout); the core does not.
 */
@FunctionalInterface
public interface ErrorTranslator {
    Outcome translate(Exception failure);
}

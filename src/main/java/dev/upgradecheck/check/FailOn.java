package dev.upgradecheck.check;

/** Which statuses turn into a non-zero exit code: {@code --fail-on fail} (default) or {@code --fail-on warn}. */
public enum FailOn {
    FAIL, WARN
}

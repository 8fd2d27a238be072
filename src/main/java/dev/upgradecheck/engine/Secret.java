package dev.upgradecheck.engine;

/**
 * A password. It prints as {@code ****} everywhere (toString, logs, records holding it),
 * and is revealed only to the driver.
 */
public final class Secret {

    public static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** For the driver only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isPresent() ? "****" : "(none)";
    }
}

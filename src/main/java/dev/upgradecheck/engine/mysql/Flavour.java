package dev.upgradecheck.engine.mysql;

/** MySQL proper or MariaDB: they share the protocol and the driver, not their GTIDs or all their statements. */
public enum Flavour {
    MYSQL("MySQL"), MARIADB("MariaDB");

    private final String product;

    Flavour(String product) {
        this.product = product;
    }

    public String product() {
        return product;
    }

    /** Without a server to ask: MariaDB numbers its releases 10.x and 11.x, MySQL 5.x, 8.x and 9.x. */
    static Flavour fromVersionNumber(dev.upgradecheck.value.Version version) {
        return version.major() >= 10 ? MARIADB : MYSQL;
    }

    /** MariaDB says so in {@code VERSION()} ({@code 10.11.6-MariaDB-log}); everything else is MySQL. */
    static Flavour fromVersionText(String version) {
        return version != null && version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}

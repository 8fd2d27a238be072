package dev.upgradecheck.safety;

import java.util.List;

/** The engines the safety suite covers, and a URL for each pointing at a given local port. */
final class Engines {

    static final List<String> ALL = List.of("postgres", "mysql", "sqlserver", "oracle", "mongodb");

    private Engines() {
    }

    static String urlFor(String engine, int port) {
        return switch (engine) {
            case "postgres" -> "jdbc:postgresql://127.0.0.1:" + port + "/orders";
            case "mysql" -> "jdbc:mysql://127.0.0.1:" + port + "/orders";
            case "sqlserver" -> "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=sales;encrypt=false";
            case "oracle" -> "jdbc:oracle:thin:@//127.0.0.1:" + port + "/ORCL";
            case "mongodb" -> "mongodb://127.0.0.1:" + port + "/?directConnection=true";
            default -> throw new IllegalArgumentException(engine);
        };
    }
}

package dev.upgradecheck.engine.mongodb;

/**
 * The driver logs through SLF4J at INFO and WARN (monitor threads, unsupported URL options). The report says what
 * matters in one line; its chatter stays off unless the user asked for --debug (which sets the default level).
 */
final class DriverLogging {

    private static final String DRIVER_LEVEL = "org.slf4j.simpleLogger.log.org.mongodb.driver";

    private DriverLogging() {
    }

    /** Must run before the first driver class logs: slf4j-simple reads a logger's level when the logger is made. */
    static void quiet() {
        String defaultLevel = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "");
        boolean debugging = defaultLevel.equalsIgnoreCase("debug") || defaultLevel.equalsIgnoreCase("trace");
        if (!debugging && System.getProperty(DRIVER_LEVEL) == null) {
            System.setProperty(DRIVER_LEVEL, "off");
        }
    }
}

package dev.upgradecheck.engine.postgres;

/** Byte counts as a DBA reads them: exact bytes, with pg_size_pretty's rounding beside. */
final class Bytes {

    private Bytes() {
    }

    static String show(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        String unit = null;
        for (String u : units) {
            if (Math.abs(v) < 10 * 1024) {
                break;
            }
            v /= 1024;
            unit = u;
        }
        return unit == null ? bytes + " bytes" : bytes + " bytes (" + Math.round(v) + " " + unit + ")";
    }
}

package dev.upgradecheck.safety;

import java.util.List;

/** Names a hostile (or just unlucky) user might pass: each must stay data, never become SQL. */
final class Hostile {

    /** Each value, and a fragment of it that would betray it leaking into SQL text unquoted. */
    record Name(String label, String value, String tell) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final List<Name> NAMES = List.of(
            new Name("quotes", "o'brien\"x", "brien"),
            new Name("injection", "x'; DROP TABLE public.orders; --", "DROP TABLE"),
            new Name("semicolon", "semi;colon", "semi;colon"),
            new Name("backslash", "back\\slash\\'", "slash"),
            new Name("dollar-quote", "$$; SELECT pg_sleep(10); $$", "pg_sleep(10)"),
            new Name("unicode", "zähler_表_🚀", "zähler"),
            new Name("10000 chars", "n".repeat(10_000), "n".repeat(200)));

    private Hostile() {
    }

    /** How a user writes exactly this name for the engine: Oracle and SQL Server take such names only quoted. */
    static String spelled(String engine, String name) {
        return switch (engine) {
            case "oracle" -> "\"" + name + "\"";
            case "sqlserver" -> "[" + name.replace("]", "]]") + "]";
            default -> name;
        };
    }

    /**
     * Whether the engine can have an object (and a CDC user) of this name at all: an Oracle identifier holds no double
     * quote and at most 128 characters, a SQL Server one at most 128; a MySQL account name given to upgrade-check at
     * most 300. Names it cannot have are refused (exit 2), not bound.
     */
    static boolean nameable(String engine, String name) {
        return switch (engine) {
            case "oracle" -> name.length() <= 128 && name.indexOf('"') < 0;
            case "sqlserver" -> name.length() <= 128;
            case "mysql" -> name.length() <= 300;
            default -> true;
        };
    }
}

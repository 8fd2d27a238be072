package dev.upgradecheck.scenario;

/** One change to one row (or, for TRUNCATE, to a whole table): the unit ground truth is counted in. */
record Change(String table, String key, Op op) implements Comparable<Change> {

    static final String WHOLE_TABLE = "*";

    enum Op {
        INSERT, UPDATE, DELETE, TRUNCATE;

        static Op fromDebezium(String op) {
            return switch (op) {
                case "c", "r" -> INSERT;
                case "u" -> UPDATE;
                case "d" -> DELETE;
                case "t" -> TRUNCATE;
                default -> throw new IllegalArgumentException("unknown Debezium op " + op);
            };
        }
    }

    @Override
    public int compareTo(Change o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return table + "[" + key + "] " + op;
    }
}

package dev.upgradecheck.pipeline;

import dev.upgradecheck.check.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a connector's class and configuration point at the database being checked, so that a check run against
 * the wrong connector cannot pass: a value that differs FAILs, a key the configuration lacks leaves it unproven
 * (WARN). Each engine says which keys must hold which values.
 */
public final class ConnectorMatch {

    private final PipelineView view;
    private final List<String> matched = new ArrayList<>();
    private final List<String> differs = new ArrayList<>();
    private final List<String> unproven = new ArrayList<>();

    private ConnectorMatch(PipelineView view) {
        this.view = view;
    }

    /** Starts with the connector's class, which must be one of the engine's. */
    public static ConnectorMatch of(PipelineView view, Set<String> classes) {
        ConnectorMatch match = new ConnectorMatch(view);
        if (classes.contains(view.connectorClass())) {
            match.matched.add(view.connectorClass());
        } else {
            match.differs.add("connector.class " + view.connectorClass() + ", expected " + String.join(" or ", classes));
        }
        return match;
    }

    /** The key's value must equal the expected one, ignoring case (host and database names). */
    public ConnectorMatch equal(String key, String expected) {
        return expect(key, expected, expected != null && expected.equalsIgnoreCase(value(key)));
    }

    /** The key's comma-separated list must name the expected value, ignoring case (Debezium's database.names). */
    public ConnectorMatch listing(String key, String expected) {
        String value = value(key);
        boolean listed = value != null && Arrays.stream(value.split(","))
                .anyMatch(v -> v.trim().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT)));
        return expect(key, expected, listed);
    }

    /** The key's value must contain the fragment, ignoring case (a replica set named inside a connection string). */
    public ConnectorMatch containing(String key, String fragment) {
        String value = value(key);
        return expect(key, fragment, value != null
                && value.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)));
    }

    private ConnectorMatch expect(String key, String expected, boolean same) {
        String value = value(key);
        if (expected == null) {
            return this;
        }
        if (value == null) {
            unproven.add(key + " is not set (expected " + expected + ")");
        } else if (same) {
            matched.add(key + "=" + value);
        } else {
            differs.add(key + "=" + value + ", expected " + expected);
        }
        return this;
    }

    private String value(String key) {
        return view.config().get(key);
    }

    public Outcome outcome() {
        if (!differs.isEmpty()) {
            return Outcome.fail(String.join("; ", differs), "the connector that reads this database",
                    "connector " + view.connector() + " does not read the database being checked: its offsets say "
                            + "nothing about this source", "give the --connector that reads this database");
        }
        if (!unproven.isEmpty()) {
            return Outcome.warn(String.join("; ", unproven), "the connector that reads this database",
                    "the configuration does not prove that the connector reads this database", null);
        }
        return Outcome.pass(String.join(", ", matched));
    }
}

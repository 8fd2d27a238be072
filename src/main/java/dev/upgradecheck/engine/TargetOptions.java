package dev.upgradecheck.engine;

import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user told us about one source: the CDC objects to look at and the thresholds to judge by, keyed by
 * {@link TargetOption}. Every option is optional; each engine reads the ones that mean something to it: the shared
 * ones below, and those it declares itself ({@link SourceInspector#options()}).
 */
public record TargetOptions(Map<String, Object> values) {

    public static final TargetOption<List<String>> TABLES =
            TargetOption.names("tables", "SCHEMA.TABLE", "Captured tables.");
    public static final TargetOption<String> CDC_USER = TargetOption.text("cdcUser", "USER",
            "The user the CDC connector logs in as (default: the connecting user).");
    public static final TargetOption<HumanDuration> WINDOW = TargetOption.duration("window", "DURATION",
            "Expected duration of the upgrade, e.g. 2h; log retention must cover it.");
    public static final TargetOption<String> TARGET_VERSION =
            TargetOption.text("targetVersion", "VERSION", "The version you are upgrading to.");
    public static final TargetOption<DataSize> MAX_LAG = TargetOption.size("maxLag", "SIZE",
            "Largest acceptable replication lag, e.g. 64MB (default: engine's own).");

    /** The options every engine shares, declared once here. */
    public static final List<TargetOption<?>> SHARED = List.of(TABLES, CDC_USER, WINDOW, TARGET_VERSION, MAX_LAG);

    public static final TargetOptions NONE = new TargetOptions(Map.of());

    public TargetOptions {
        Map<String, Object> set = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                set.put(key, value instanceof List<?> list ? List.copyOf(list) : value);
            }
        });
        values = Map.copyOf(set);
    }

    /**
     * Values as an inventory or config file holds them (YAML lists and scalars by key), read by these options.
     *
     * @throws IllegalArgumentException naming the key whose value is not of its option's form
     */
    public static TargetOptions fromFile(Map<String, Object> raw, List<TargetOption<?>> options) {
        Map<String, Object> values = new HashMap<>();
        for (TargetOption<?> option : options) {
            Object value = raw.get(option.key());
            if (value != null) {
                try {
                    values.put(option.key(), option.fromFile(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option.key() + ": " + e.getMessage(), e);
                }
            }
        }
        return new TargetOptions(values);
    }

    /** The value given for this option; an empty list or null when none was. */
    @SuppressWarnings("unchecked")
    public <T> T get(TargetOption<T> option) {
        Object value = values.get(option.key());
        return value == null && option.kind() == TargetOption.Kind.NAMES ? (T) List.of() : (T) value;
    }

    /** These options with this one set (or cleared by null or an empty list). */
    public <T> TargetOptions with(TargetOption<T> option, T value) {
        Map<String, Object> changed = new HashMap<>(values);
        changed.put(option.key(), value);
        return new TargetOptions(changed);
    }

    /** These options, with the fallback's where these have none (an inventory target's over the flags). */
    public TargetOptions over(TargetOptions fallback) {
        Map<String, Object> merged = new HashMap<>(fallback.values);
        merged.putAll(values);
        return new TargetOptions(merged);
    }

    public TargetOptions withTables(List<String> value) {
        return with(TABLES, value);
    }

    public List<String> tables() {
        return get(TABLES);
    }

    public String cdcUser() {
        return get(CDC_USER);
    }

    public HumanDuration window() {
        return get(WINDOW);
    }

    public String targetVersion() {
        return get(TARGET_VERSION);
    }

    public DataSize maxLag() {
        return get(MAX_LAG);
    }
}

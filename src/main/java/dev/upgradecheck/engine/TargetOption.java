package dev.upgradecheck.engine;

import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One thing a user can tell an engine about a source: a flag on the command line ({@code --cdc-user}) and the same
 * key in an inventory or config file ({@code cdcUser}). The core declares the options every engine shares
 * ({@link TargetOptions#SHARED}); an engine declares its own in {@link SourceInspector#options()}, and the command
 * line, inventories and config files take them from there.
 *
 * @param key         the inventory key, camelCase; the flag is its kebab-case form
 * @param kind        how a value is written and read
 * @param label       the value's name in the help ({@code NAME}, {@code DURATION})
 * @param description one line of help
 * @param <T>         the value's type
 */
public record TargetOption<T>(String key, Kind kind, String label, String description) {

    /** How a value is written: a comma-separated list of names, one word, a duration ({@code 2h}), a size. */
    public enum Kind { NAMES, TEXT, DURATION, SIZE }

    public TargetOption {
        if (!key.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("an option key is camelCase: " + key);
        }
    }

    public static TargetOption<List<String>> names(String key, String label, String description) {
        return new TargetOption<>(key, Kind.NAMES, label, description);
    }

    public static TargetOption<String> text(String key, String label, String description) {
        return new TargetOption<>(key, Kind.TEXT, label, description);
    }

    public static TargetOption<HumanDuration> duration(String key, String label, String description) {
        return new TargetOption<>(key, Kind.DURATION, label, description);
    }

    public static TargetOption<DataSize> size(String key, String label, String description) {
        return new TargetOption<>(key, Kind.SIZE, label, description);
    }

    /** The command-line flag: the key in kebab case ({@code cdcUser} is {@code --cdc-user}). */
    public String flag() {
        return "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /**
     * A value as text (a flag's argument, a file's scalar); a list of names splits on commas.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    @SuppressWarnings("unchecked")
    public T parse(String text) {
        return (T) switch (kind) {
            case NAMES -> List.of(text.split(","));
            case TEXT -> text;
            case DURATION -> HumanDuration.parse(text);
            case SIZE -> DataSize.parse(text);
        };
    }

    /** A value as YAML gives it: a list or a scalar (a list of names takes a scalar as its one name). */
    @SuppressWarnings("unchecked")
    public T fromFile(Object raw) {
        if (kind == Kind.NAMES) {
            List<?> items = raw instanceof List<?> list ? list : List.of(raw);
            return (T) items.stream().map(TargetOption::written).toList();
        }
        if (raw instanceof List<?>) {
            throw new IllegalArgumentException(key + " takes one value, not a list");
        }
        return parse(written(raw));
    }

    /** A YAML scalar as written: a version such as 10.10 is read as a decimal, whose text keeps its last zero. */
    public static String written(Object raw) {
        if (raw == null) {
            return null;
        }
        return raw instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(raw);
    }
}

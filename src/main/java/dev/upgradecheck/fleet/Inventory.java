package dev.upgradecheck.fleet;

import dev.upgradecheck.value.UserText;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.upgradecheck.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A fleet: named targets with their defaults applied, read from YAML. Every mistake names its line. */
public record Inventory(List<InventoryTarget> targets) {

    /** Target names become baseline file names: keep them to what every file system accepts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private record File(InventoryTarget defaults, List<InventoryTarget> targets) {
    }

    /** A version such as 10.10 stays a decimal that keeps its last zero. */
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * The fleet in this file.
     *
     * @param optionKeys the keys of the options the engines declare ({@code slot}, {@code window}...): any other
     *                   key beside the connection's is refused, naming its line
     */
    public static Inventory read(Path path, Set<String> optionKeys) {
        File file = parse(path, "inventory", "an inventory", File.class);
        if (file == null || file.targets() == null || file.targets().isEmpty()) {
            throw new BadInputException("inventory " + path + " has no targets");
        }
        InventoryTarget defaults = file.defaults() == null ? InventoryTarget.EMPTY : file.defaults();
        requireKnown(path, "inventory", "an inventory", defaults, optionKeys);
        file.targets().stream().filter(java.util.Objects::nonNull)
                .forEach(t -> requireKnown(path, "inventory", "an inventory", t, optionKeys));
        List<InventoryTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < file.targets().size(); i++) {
            InventoryTarget t = file.targets().get(i);
            String where = "inventory " + path + ", target #" + (i + 1);
            if (t == null) {
                throw new BadInputException(where + " is empty");
            }
            InventoryTarget merged = t.over(defaults);
            require(merged.name() != null, where + " has no name");
            require(NAME.matcher(merged.name()).matches(), where + " name '" + UserText.shown(merged.name(), 40)
                    + "' must be letters, digits, '.', '_' or '-' (it names the target's baseline file)");
            require(names.add(merged.name()), where + " repeats the name '" + merged.name() + "'");
            require(merged.engine() != null, where + " (" + merged.name() + ") has no engine");
            require(merged.url() != null, where + " (" + merged.name() + ") has no url");
            targets.add(merged);
        }
        return new Inventory(List.copyOf(targets));
    }

    /**
     * A file of tool-level defaults ({@code upgrade-check.yaml}, {@code --config}): one target's keys, as an
     * inventory's {@code defaults} holds them; the same refusals (unknown keys, a password) naming the line.
     */
    public static InventoryTarget readDefaults(Path path, Set<String> optionKeys) {
        InventoryTarget defaults = parse(path, "config", "a config file", InventoryTarget.class);
        if (defaults == null) {
            return InventoryTarget.EMPTY;
        }
        requireKnown(path, "config", "a config file", defaults, optionKeys);
        return defaults;
    }

    /** The engines' option keys are collected apart from the connection's: a key that is neither is a mistake. */
    private static void requireKnown(Path path, String kind, String aKind, InventoryTarget target,
                                     Set<String> optionKeys) {
        target.options().keySet().stream().filter(key -> !optionKeys.contains(key)).sorted().findFirst()
                .ifPresent(key -> {
                    throw new BadInputException(kind + " " + path + keyLine(path, key, null) + ": " + unknown(key, aKind));
                });
    }

    private static String unknown(String key, String aKind) {
        return key.toLowerCase(java.util.Locale.ROOT).contains("password")
                ? "never write a password in " + aKind + ": use passwordEnv or passwordFile"
                : "unknown key '" + key + "'";
    }

    /** Reads a YAML file as {@code type}; every way it can be wrong is one line naming the {@code kind} of file. */
    private static <T> T parse(Path path, String kind, String aKind, Class<T> type) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new BadInputException(kind + " " + path + " is larger than 8 MiB: is it the right file?");
            }
            return YAML.readValue(path.toFile(), type);
        } catch (NoSuchFileException e) {
            throw new BadInputException(kind + " " + path + " does not exist");
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            throw new BadInputException(kind + " " + path + keyLine(path, key, e.getLocation()) + ": "
                    + unknown(key, aKind));
        } catch (JsonProcessingException e) {
            throw new BadInputException(kind + " " + path + line(e.getLocation()) + ": "
                    + UserText.firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(kind + " " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }

    /**
     * The YAML parser reports where it stopped, which can be past the key; name the line the key is on:
     * the last line up to that point that starts with it.
     */
    private static String keyLine(Path path, String key, JsonLocation location) {
        try {
            List<String> lines = Files.readAllLines(path);
            int upTo = location == null ? lines.size() : Math.min(lines.size(), Math.max(1, location.getLineNr()));
            Pattern keyStart = Pattern.compile("^\\s*(-\\s*)?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
            for (int i = upTo - 1; i >= 0; i--) {
                if (keyStart.matcher(lines.get(i)).find()) {
                    return ", line " + (i + 1);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to the parser's own position
        }
        return line(location);
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : ", line " + location.getLineNr();
    }
}

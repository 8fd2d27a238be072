package dev.upgradecheck.cli;

import dev.upgradecheck.engine.TargetOption;
import dev.upgradecheck.fleet.Inventory;
import dev.upgradecheck.fleet.InventoryTarget;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values for options the command line leaves out, for CI jobs and people who run the tool often. Precedence:
 * the flag, then the environment ({@code UPGRADE_CHECK_URL}, {@code UPGRADE_CHECK_USER},
 * {@code UPGRADE_CHECK_ENGINE}), then the config file ({@code --config FILE}, else {@code upgrade-check.yaml} in
 * the working directory, in an inventory's {@code defaults} shape), then the option's own default.
 */
final class ToolDefaults implements IDefaultValueProvider {

    static final String CONFIG_FILE = "upgrade-check.yaml";

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "--url", "UPGRADE_CHECK_URL", "--user", "UPGRADE_CHECK_USER", "--engine", "UPGRADE_CHECK_ENGINE");

    private final Function<String, String> environment;
    private final Map<String, String> file;

    private ToolDefaults(Function<String, String> environment, Map<String, String> file) {
        this.environment = environment;
        this.file = file;
    }

    /** The defaults for this command line: its --config FILE, else ./upgrade-check.yaml when there is one. */
    static ToolDefaults of(String[] args, Function<String, String> environment, List<TargetOption<?>> options) {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                config = Path.of(args[i].substring("--config=".length()));
            }
        }
        if (config == null && Files.isRegularFile(Path.of(CONFIG_FILE))) {
            config = Path.of(CONFIG_FILE);
        }
        Map<String, String> file = config == null ? Map.of() : byOption(Inventory.readDefaults(config,
                options.stream().map(TargetOption::key).collect(java.util.stream.Collectors.toSet())), options);
        if (List.of(args).contains("--inventory")) {
            // a fleet names its own URLs: a default --url would contradict the inventory
            Function<String, String> withoutUrl = name -> ENVIRONMENT.get("--url").equals(name) ? null
                    : environment.apply(name);
            Map<String, String> rest = new HashMap<>(file);
            rest.remove("--url");
            return new ToolDefaults(withoutUrl, Map.copyOf(rest));
        }
        return new ToolDefaults(environment, file);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        String fromEnvironment = ENVIRONMENT.containsKey(name) ? environment.apply(ENVIRONMENT.get(name)) : null;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return file.get(name);
    }

    /** The file's keys under the options they stand for. */
    private static Map<String, String> byOption(InventoryTarget t, List<TargetOption<?>> options) {
        Map<String, String> values = new HashMap<>();
        put(values, "--engine", t.engine());
        put(values, "--url", t.url());
        put(values, "--user", t.user());
        put(values, "--password-env", t.passwordEnv());
        put(values, "--password-file", t.passwordFile());
        for (TargetOption<?> option : options) {
            Object value = t.options().get(option.key());
            put(values, option.flag(), value instanceof List<?> list ? join(list) : TargetOption.written(value));
        }
        put(values, "--connect-timeout", t.connectTimeout());
        put(values, "--query-timeout", t.queryTimeout());
        put(values, "--dest-url", t.destUrl());
        put(values, "--dest-user", t.destUser());
        put(values, "--dest-password-env", t.destPasswordEnv());
        put(values, "--dest-password-file", t.destPasswordFile());
        put(values, "--dest-filter", t.destFilter());
        put(values, "--keys", t.keys() == null ? null : t.keys().toString());
        return Map.copyOf(values);
    }

    private static void put(Map<String, String> values, String option, String value) {
        if (value != null) {
            values.put(option, value);
        }
    }

    private static String join(List<?> list) {
        return String.join(",", list.stream().map(TargetOption::written).toList());
    }
}

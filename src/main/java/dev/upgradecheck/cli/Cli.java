package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.UpgradeCheckException;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.value.Closest;
import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.HumanDuration;
import dev.upgradecheck.value.UserText;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the command tree and runs one invocation. Holds what a run shares: the environment
 * (for passwords), standard input (for the prompt), the engines, and the redactor every printed line passes.
 */
public final class Cli {

    private final Function<String, String> environment;
    private final InputStream stdin;
    private final EngineRegistry engines;
    private final java.util.List<dev.upgradecheck.engine.Secret> maskedSecrets =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Redactor redactor = Redactor.of();
    private boolean debug;

    public Cli(Function<String, String> environment, InputStream stdin) {
        this(environment, stdin, EngineRegistry.load());
    }

    public Cli(Function<String, String> environment, InputStream stdin, EngineRegistry engines) {
        this.environment = environment;
        this.stdin = stdin;
        this.engines = engines;
    }

    /** The subcommands in the order the usage help lists them. */
    private static final java.util.Map<String, Class<?>> SUBCOMMANDS = java.util.Map.of(
            "precheck", PrecheckCommand.class, "plan", PlanCommand.class, "verify", VerifyCommand.class,
            "snapshot-advice", SnapshotAdviceCommand.class, "drain", DrainCommand.class,
            "reconcile", ReconcileCommand.class, "canary", CanaryCommand.class,
            "completion", CompletionCommand.class, "help", CommandLine.HelpCommand.class);
    private static final java.util.List<String> ORDER = java.util.List.of("precheck", "plan", "drain", "verify",
            "snapshot-advice", "reconcile", "canary", "completion", "help");
    /** Commands that need the whole tree: help lists it, completion describes it. */
    private static final java.util.Set<String> WHOLE_TREE = java.util.Set.of("help", "completion");

    public int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (System.getProperty("picocli.trace") == null) {
            // picocli warns on stderr about a quote inside a --slot/--tables value: a legal name, and a second line
            CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        }
        // picocli builds every subcommand's model by reflection up front (about 100 ms on a small machine):
        // when the command being run is named, build only that one; help, usage errors and typos see them all
        java.util.List<String> words = java.util.Arrays.asList(args);
        String named = words.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        boolean versionOnly = named.isEmpty() && (words.contains("-V") || words.contains("--version"))
                && !words.contains("-h") && !words.contains("--help");
        CommandLine commandLine = tree(SUBCOMMANDS.containsKey(named) && !WHOLE_TREE.contains(named) ? List.of(named)
                : versionOnly ? List.of() : ORDER);
        try {
            commandLine.setDefaultValueProvider(ToolDefaults.of(args, environment, engines.targetOptions()));
        } catch (UpgradeCheckException e) {
            err.println(redactor.redact("upgrade-check: " + oneLine(e.getMessage())));
            return e.exitCode();
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(this::onBadUsage);
        commandLine.setExecutionExceptionHandler(this::onFailure);
        return commandLine.execute(args);
    }

    /** The whole command tree as its help shows it: for documentation generated from it (the man page). */
    public CommandLine commandTree() {
        return tree(ORDER);
    }

    private CommandLine tree(List<String> subcommands) {
        CommandLine commandLine = new CommandLine(new UpgradeCheckCommand(this));
        subcommands.forEach(name -> commandLine.addSubcommand(SUBCOMMANDS.get(name)));
        commandLine.registerConverter(HumanDuration.class, converter(HumanDuration::parse));
        commandLine.registerConverter(DataSize.class, converter(DataSize::parse));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // identifiers may hold quotes: split lists on commas only, never interpret (or warn about) quotes
        commandLine.setSplitQuotedStrings(true);
        TargetOptionsMixin.declare(commandLine, engines.targetOptions());
        CommandLine plan = commandLine.getSubcommands().get("plan");
        if (plan != null) {
            PlanCommand.offerOnlyUsedOptions(plan.getCommandSpec());
        }
        HelpLayout.apply(commandLine);
        return commandLine;
    }

    String env(String name) {
        return environment.apply(name);
    }

    InputStream stdin() {
        return stdin;
    }

    EngineRegistry engines() {
        return engines;
    }

    Redactor redactor() {
        return redactor;
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    String redactCredentials(String text) {
        return redactor.redactCredentials(text);
    }

    /** From now on, everything printed masks this password and any password inside this URL. */
    synchronized void mask(String url, dev.upgradecheck.engine.Secret password) {
        maskedSecrets.add(password);
        // the URL's own passwords are found once here, not again for every target of a fleet
        maskedSecrets.addAll(Redactor.secretsIn(url));
        redactor = Redactor.of(maskedSecrets.toArray(dev.upgradecheck.engine.Secret[]::new));
    }

    void debug(boolean value) {
        this.debug = value;
    }

    /** Our parsers' messages already name the accepted forms: show them, not a Java exception. */
    private static <T> CommandLine.ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    private int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = e instanceof CommandLine.UnmatchedArgumentException unmatched
                ? unknownOptions(unmatched) : oneLine(e.getMessage());
        err.println(redactor.redact("upgrade-check: " + message + " (see '" + command + " --help')"));
        return ExitCode.BAD_INPUT;
    }

    /**
     * Names the unknown options, or the mistyped command, with picocli's suggestions ("did you mean precheck?"),
     * but never echoes the words after an option: a habitual {@code --password hunter2} must not print the password.
     */
    private static String unknownOptions(CommandLine.UnmatchedArgumentException e) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
        if (!first.startsWith("-") && !spec.subcommands().isEmpty()) {
            // the word in the command's place is a mistyped command, never a password
            return "unknown command '" + UserText.shown(first, 40) + "'"
                    + didYouMean(Closest.to(first, spec.subcommands().keySet(), 2, Math.max(2, first.length() / 3)));
        }
        java.util.List<String> options = e.getUnmatched().stream()
                .filter(a -> a.startsWith("-"))
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                .toList();
        if (options.isEmpty()) {
            return "unexpected argument(s) after the options";
        }
        List<String> known = spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--")).toList();
        String suggestion = didYouMean(Closest.to(options.get(0), known, 2, Math.max(2, options.get(0).length() / 3)));
        String names = String.join("', '", options);
        String hint = options.stream().anyMatch(o -> o.toLowerCase(java.util.Locale.ROOT).contains("pass"))
                ? ": passwords come from $UPGRADE_CHECK_PASSWORD, --password-env, --password-file or --password-prompt"
                : suggestion;
        return "unknown option '" + names + "'" + hint;
    }

    private static String didYouMean(List<String> near) {
        return near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near) + "?";
    }

    private int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof UpgradeCheckException known) {
            err.println(redactor.redact("upgrade-check: " + oneLine(known.getMessage())));
            printTrace(e, err);
            return known.exitCode();
        }
        err.println(redactor.redact("upgrade-check: internal error: " + e.getClass().getSimpleName() + ": "
                + oneLine(e.getMessage()) + (debug ? "" : " (run with --debug for details)")));
        printTrace(e, err);
        return ExitCode.INTERNAL_ERROR;
    }

    private void printTrace(Exception e, PrintWriter err) {
        if (debug) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(redactor.redact(trace.toString()));
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String flat = message.replaceAll("\\s*\\R\\s*", " ").trim();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}

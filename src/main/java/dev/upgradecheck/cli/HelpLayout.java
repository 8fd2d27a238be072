package dev.upgradecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every command's help reads: a short synopsis, options under headings by what they are about (the option
 * mixin they come from), examples, and the exit codes. Set once here, so a new command gets it too.
 */
final class HelpLayout {

    /** Help lines are wrapped here: wide enough that no option's words are split across lines. */
    static final int WIDTH = 100;

    /** The heading of each option mixin, by class name (a mixin not named here lists under "Options"). */
    private static final Map<String, String> HEADINGS = Map.of(
            "ConnectionOptions", "Connection", "TargetOptionsMixin", "CDC objects and thresholds",
            "FleetOptions", "Fleet", "OutputOptions", "Output", "SelectionOptions", "Checks",
            "PlanOptions", "Upgrade", "PipelineOptions", "Pipeline");

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "precheck", List.of(
                    "upgrade-check precheck --url jdbc:postgresql://db1:5432/orders --user cdc --target-version 16",
                    "upgrade-check precheck --url \"$URL\" --save-baseline before.json --format junit --output p.xml",
                    "upgrade-check precheck --inventory fleet.yaml --save-baseline baselines/"),
            "plan", List.of("upgrade-check plan --engine postgres --from 14 --to 16",
                    "upgrade-check plan --url jdbc:postgresql://db1:5432/orders --to 16 --format markdown > runbook.md"),
            "verify", List.of("upgrade-check verify --url \"$URL\" --baseline before.json",
                    "upgrade-check verify --inventory fleet.yaml --baseline baselines/ --fail-on warn"),
            "snapshot-advice", List.of("upgrade-check snapshot-advice --engine mysql --from 5.7 --to 8.0 --gtid off",
                    "upgrade-check snapshot-advice --url \"$URL\" --baseline before.json --format json"));

    static final List<String> EXIT_CODES = List.of(
            "  0  nothing failed",
            "  1  a check failed or errored (or warned under --fail-on warn), or a needed read was refused;",
            "     snapshot-advice: a snapshot is needed",
            "  2  usage or bad input (unknown engine, bad flag or URL, corrupt baseline)",
            "  3  could not connect or authenticate",
            "  4  internal error (a bug: please report it)");

    private HelpLayout() {
    }

    /** Applies the layout to this command and its subcommands. */
    static void apply(CommandLine commandLine) {
        commandLine.setUsageHelpWidth(WIDTH);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            spec.usageMessage().abbreviateSynopsis(true).sortOptions(false);
            // the footer's first heading is its own (footerHeading): the man page shows a footer only with one
            List<String> footer = new ArrayList<>();
            List<String> examples = EXAMPLES.get(spec.name());
            if (examples != null) {
                spec.usageMessage().footerHeading("%nExamples:%n");
                examples.forEach(e -> footer.add("  " + e.replace("%", "%%")));
                footer.add("%nExit codes:");
            } else {
                spec.usageMessage().footerHeading("%nExit codes:%n");
            }
            footer.addAll(EXIT_CODES);
            spec.usageMessage().footer(footer.toArray(String[]::new));
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    HelpLayout::groupedOptions);
        }
    }

    /** The command's own options first, then each option mixin's under its heading. */
    static String groupedOptions(Help help) {
        CommandSpec spec = help.commandSpec();
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        java.util.Set<String> grouped = new java.util.HashSet<>();
        collect(spec, spec, groups, grouped);
        List<OptionSpec> own = spec.options().stream()
                .filter(o -> !o.hidden() && !grouped.contains(o.longestName())).toList();
        StringBuilder out = new StringBuilder(render(help, own));
        groups.forEach((heading, options) -> out.append('\n').append(heading).append(":\n")
                .append(render(help, options)));
        return out.toString();
    }

    /** Mixins within mixins (SourcesOptions holds the connection, target, fleet and output ones) are walked. */
    private static void collect(CommandSpec command, CommandSpec holder, Map<String, List<OptionSpec>> groups,
                                java.util.Set<String> grouped) {
        for (CommandSpec mixin : holder.mixins().values()) {
            String heading = HEADINGS.get(mixin.userObject().getClass().getSimpleName());
            if (heading == null) {
                collect(command, mixin, groups, grouped);
                continue;
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            mixin.options().forEach(o -> names.add(o.longestName()));
            List<OptionSpec> options = command.options().stream()
                    .filter(o -> !o.hidden() && names.contains(o.longestName())).toList();
            groups.computeIfAbsent(heading, h -> new ArrayList<>()).addAll(options);
            names.forEach(grouped::add);
        }
    }

    private static String render(Help help, List<OptionSpec> options) {
        return options.isEmpty() ? "" : help.optionListExcludingGroups(options, help.createDefaultLayout(), null,
                help.parameterLabelRenderer());
    }
}

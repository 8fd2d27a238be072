package dev.upgradecheck.cli;

import dev.upgradecheck.engine.TargetOption;
import dev.upgradecheck.engine.TargetOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDC objects to look at and the thresholds to judge by. Its options are not written here: they are the ones
 * the engines declare ({@link TargetOptions#SHARED} and each engine's own), added to every command that holds this
 * mixin by {@link #declare}.
 */
@CommandLine.Command // picocli takes as a mixin only a class it sees annotated; the options come later
public final class TargetOptionsMixin {

    /** The flags added to this instance's command, by the option they stand for; empty when none were added. */
    private final Map<TargetOption<?>, OptionSpec> declared = new LinkedHashMap<>();

    TargetOptions options() {
        Map<String, Object> values = new HashMap<>();
        declared.forEach((option, spec) -> values.put(option.key(), spec.getValue()));
        return new TargetOptions(values);
    }

    /** Adds these options to every subcommand that holds this mixin, directly or inside another mixin. */
    static void declare(CommandLine root, List<TargetOption<?>> options) {
        for (CommandLine sub : root.getSubcommands().values()) {
            List<CommandSpec> path = new ArrayList<>();
            if (pathTo(sub.getCommandSpec(), path)) {
                TargetOptionsMixin mixin = (TargetOptionsMixin) path.get(path.size() - 1).userObject();
                for (TargetOption<?> option : options) {
                    OptionSpec spec = flag(option);
                    mixin.declared.put(option, spec);
                    // as picocli mixes options in: the mixin's own spec first, the command's last (which owns it)
                    for (int i = path.size() - 1; i >= 0; i--) {
                        path.get(i).addOption(spec);
                    }
                }
            }
        }
    }

    /** Fills {@code path} with the specs from {@code spec} down to this mixin's, if it holds one. */
    private static boolean pathTo(CommandSpec spec, List<CommandSpec> path) {
        path.add(spec);
        if (spec.userObject() instanceof TargetOptionsMixin) {
            return true;
        }
        for (CommandSpec mixin : spec.mixins().values()) {
            if (pathTo(mixin, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static OptionSpec flag(TargetOption<?> option) {
        OptionSpec.Builder flag = OptionSpec.builder(option.flag()).paramLabel(option.label())
                .description(option.description());
        if (option.kind() == TargetOption.Kind.NAMES) {
            return flag.type(List.class).auxiliaryTypes(String.class).splitRegex(",").build();
        }
        return flag.type(Object.class).converters(text -> {
            try {
                return option.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }).build();
    }
}

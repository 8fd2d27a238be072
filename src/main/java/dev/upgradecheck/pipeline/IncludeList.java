package dev.upgradecheck.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Debezium include or exclude list ({@code table.include.list}, {@code schema.exclude.list}...): regular
 * expressions separated by commas (a comma escaped with a backslash belongs to its expression), each matched against
 * the whole name, ignoring case, as Debezium's selectors match them.
 */
public final class IncludeList {

    private final List<String> expressions;

    private IncludeList(List<String> expressions) {
        this.expressions = expressions;
    }

    /** The list a configuration value holds; empty when the key is unset or blank. */
    public static Optional<IncludeList> of(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        List<String> parts = Arrays.stream(value.split("(?<!\\\\),")).map(String::trim)
                .map(p -> p.replace("\\,", ",")).filter(p -> !p.isEmpty()).toList();
        return Optional.of(new IncludeList(parts));
    }

    public boolean matches(String name) {
        for (String regex : expressions) {
            try {
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(name).matches()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // Debezium refuses such a connector; compared as a plain name it still says what was meant
                if (regex.equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}

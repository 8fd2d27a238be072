package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One Oracle identifier as the user wrote it, resolved the way Oracle resolves it: unquoted names fold to
 * upper case and must be simple ({@code orders} is {@code ORDERS}); a name in double quotes is kept exactly.
 * A quoted Oracle identifier cannot contain a double quote or NUL, so such input is refused rather than escaped.
 */
public record OracleName(String value) {

    /** 128 bytes since 12.2; older releases allow 30, which the server itself will enforce. */
    static final int MAX_LENGTH = 128;
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z][A-Za-z0-9_$#]*");

    public OracleName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.indexOf('"') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an Oracle identifier: " + value);
        }
    }

    /** Resolves {@code name} or {@code "Name"}; bad input (exit 2) names what is wrong. */
    public static OracleName parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            String inner = s.substring(1, s.length() - 1);
            if (inner.isEmpty() || inner.length() > MAX_LENGTH || inner.indexOf('"') >= 0 || inner.indexOf('\0') >= 0) {
                throw new BadInputException("invalid quoted Oracle name " + UserText.shown(s, 40)
                        + ": 1 to 128 characters, no double quote inside");
            }
            return new OracleName(inner);
        }
        if (!SIMPLE.matcher(s).matches() || s.length() > MAX_LENGTH) {
            throw new BadInputException("invalid Oracle name '" + UserText.shown(s, 40) + "': use letters, digits, _ $ #"
                    + " starting with a letter, or put the exact name in double quotes");
        }
        return new OracleName(s.toUpperCase(Locale.ROOT));
    }

    /** The identifier in double quotes, safe to put in generated SQL. */
    public String quoted() {
        return "\"" + value + "\"";
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

/**
 * A captured table from {@code --tables}: {@code SCHEMA.TABLE}, either part optionally in double quotes
 * ({@code "Sales"."Order Lines"}). The schema is required: LogMiner-based capture names tables by owner.
 */
public record TableName(OracleName owner, OracleName table) {

    public static TableName parse(String text) {
        String s = text == null ? "" : text.trim();
        int dot = separator(s);
        if (dot < 0) {
            throw new BadInputException("table '" + UserText.shown(s, 60) + "' needs its schema: write SCHEMA.TABLE");
        }
        return new TableName(OracleName.parse(s.substring(0, dot)), OracleName.parse(s.substring(dot + 1)));
    }

    /** The dot between owner and table, outside double quotes; -1 when there is none or more than one. */
    private static int separator(String s) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                if (found >= 0) {
                    throw new BadInputException("table '" + UserText.shown(s, 60) + "' has more than one dot: write SCHEMA.TABLE");
                }
                found = i;
            }
        }
        return found;
    }

    /** {@code "OWNER"."TABLE"}, for generated statements. */
    public String quoted() {
        return owner.quoted() + "." + table.quoted();
    }

    /** {@code OWNER.TABLE}: how reports and baselines name the table. */
    @Override
    public String toString() {
        return owner + "." + table;
    }
}

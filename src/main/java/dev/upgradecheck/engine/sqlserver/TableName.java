package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A captured table as given to {@code --tables}: {@code table} (schema dbo), {@code schema.table} or
 * {@code database.schema.table}; any part may be bracket-quoted ({@code [my.schema].[t]]x]}).
 */
public record TableName(String database, String schema, String table) {

    public TableName {
        if (schema == null || schema.isEmpty() || table == null || table.isEmpty()) {
            throw new IllegalArgumentException("schema and table are required");
        }
    }

    public static TableName of(String schema, String table) {
        return new TableName(null, schema, table);
    }

    public static TableName parse(String text) {
        if (text == null || text.isBlank() || text.length() > 400) {
            throw invalid(text);
        }
        List<String> parts = split(text.trim());
        return switch (parts.size()) {
            case 1 -> new TableName(null, "dbo", parts.get(0));
            case 2 -> new TableName(null, parts.get(0), parts.get(1));
            case 3 -> new TableName(parts.get(0), parts.get(1), parts.get(2));
            default -> throw invalid(text);
        };
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '[') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw invalid(text);
                    }
                    char c = text.charAt(i++);
                    if (c == ']') {
                        if (i < text.length() && text.charAt(i) == ']') {
                            part.append(']');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != '.') {
                    char c = text.charAt(i++);
                    if (c == '[' || c == ']') {
                        throw invalid(text);
                    }
                    part.append(c);
                }
            }
            String name = part.toString();
            if (name.isEmpty() || name.length() > 128) {
                throw invalid(text);
            }
            parts.add(name);
            if (i == text.length()) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                throw invalid(text);
            }
            i++;
        }
    }

    private static BadInputException invalid(String text) {
        String shown = UserText.shown(text, 60);
        return new BadInputException("invalid table '" + shown
                + "': write schema.table (or database.schema.table), e.g. dbo.orders or [my schema].[orders]");
    }

    public TableName inDatabase(String value) {
        return new TableName(value, schema, table);
    }

    /** {@code [schema].[table]}, for statements and HAS_PERMS_BY_NAME. */
    public String quoted() {
        return TSql.bracket(schema) + "." + TSql.bracket(table);
    }

    /** {@code schema.table}: how reports and baselines name the table. */
    public String display() {
        return part(schema) + "." + part(table);
    }

    /** A name part as the user would type it back: bracketed only when it holds a dot or a bracket. */
    private static String part(String name) {
        return name.matches("[A-Za-z0-9_@#$]+") ? name : TSql.bracket(name);
    }

    public boolean sameTable(TableName other) {
        return schema.equalsIgnoreCase(other.schema) && table.equalsIgnoreCase(other.table);
    }

    @Override
    public String toString() {
        return database == null ? display() : part(database) + "." + display();
    }
}

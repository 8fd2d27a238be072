package dev.upgradecheck.report;

/** The {@code --format} choices. */
public enum ReportFormat {
    TEXT, JSON, JUNIT, MARKDOWN;

    public Reporter reporter(boolean colour) {
        return reporter(colour, TextReporter.Detail.NORMAL);
    }

    /** {@code detail} is how much of the checklist the text format lists (--quiet, --verbose). */
    public Reporter reporter(boolean colour, TextReporter.Detail detail) {
        return switch (this) {
            case TEXT -> new TextReporter(colour, detail);
            case JSON -> new JsonReporter();
            case JUNIT -> new JUnitReporter();
            case MARKDOWN -> new MarkdownReporter();
        };
    }

    /** Lower-case name, as written on the command line. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.upgradecheck.value;

/**
 * User input as an error message may show it: on one line (control characters escaped, so a message
 * stays the one line the contract promises) and cut to a readable length.
 */
public final class UserText {

    private UserText() {
    }

    /**
     * The first line of a driver's, parser's or the JDK's message, as an error line may show it: such messages
     * often quote the user's input (a URL, an identifier, a file's content).
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return shown(message.lines().findFirst().orElse("").trim(), 300);
    }

    public static String shown(String text, int maxLength) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        int end = Math.min(text.length(), maxLength);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return text.length() > maxLength ? out + "..." : out.toString();
    }
}

package dev.upgradecheck.plan;

import java.util.regex.Pattern;

/**
 * Quotes one word for a POSIX shell, for the command lines a runbook prints: a DBA pastes them, so a table
 * named {@code x'; rm -rf ~} must stay one argument.
 */
public final class ShellWord {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ShellWord() {
    }

    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

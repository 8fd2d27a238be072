package dev.upgradecheck.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Whether the user is at a terminal (colour, the progress bar, a password prompt without echo). From JDK 22
 * {@code System.console()} is non-null even with output redirected, and the launcher runs whatever {@code java} is
 * on PATH, so the answer comes from {@code Console.isTerminal()} (JDK 22+) where the running JDK has it.
 */
final class Terminal {

    private static final Method IS_TERMINAL = isTerminalMethod();

    private Terminal() {
    }

    static boolean attached() {
        return attached(System.console());
    }

    static boolean attached(Console console) {
        if (console == null) {
            return false;
        }
        if (IS_TERMINAL == null) {
            return true; // before JDK 22 a console exists only when both ends are a terminal
        }
        try {
            return (Boolean) IS_TERMINAL.invoke(console);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    private static Method isTerminalMethod() {
        try {
            return Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}

package dev.upgradecheck.engine;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.value.UserText;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The URL parameters an engine lets through to its driver: an allow-list of what an inspection needs (host, port,
 * database, login, TLS, Kerberos, application name), written against one release of the driver. Anything else is
 * refused naming it: a later release may add a parameter that loads a class or a file, and an allow-list cannot let
 * it through unreviewed. The time bounds are never among them: they come from --connect-timeout and --query-timeout.
 *
 * @param driver        the driver's name, for messages ({@code pgjdbc})
 * @param driverClass   a class of the driver's jar, whose version a test compares with {@code writtenFor}
 * @param writtenFor    the driver version the list was reviewed against; a test fails when the driver is not that one
 * @param caseSensitive whether the driver tells {@code sslmode} from {@code SSLMODE}
 * @param allowed       the names, lower-cased when the driver ignores case
 */
public record UrlParameters(String driver, String driverClass, String writtenFor, boolean caseSensitive,
                            Set<String> allowed) {

    public static UrlParameters of(String driver, String driverClass, String writtenFor, boolean caseSensitive,
                                   String... allowed) {
        return new UrlParameters(driver, driverClass, writtenFor, caseSensitive,
                Arrays.stream(allowed).map(n -> caseSensitive ? n : n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    public boolean allows(String name) {
        return allowed.contains(caseSensitive ? name.trim() : name.trim().toLowerCase(Locale.ROOT));
    }

    /** Refuses a parameter not on the list, naming it (exit 2). */
    public void require(String name) {
        if (allows(name)) {
            return;
        }
        String sameButCase = caseSensitive ? allowed.stream().filter(a -> a.equalsIgnoreCase(name.trim()))
                .findFirst().map(a -> " (" + driver + " reads it only as '" + a + "')").orElse("") : "";
        throw new BadInputException("URL parameter '" + UserText.shown(name.trim(), 60) + "' is refused" + sameButCase
                + ": upgrade-check passes " + driver + " only host, port, database, login, TLS, Kerberos and"
                + " application-name parameters (time bounds come from --connect-timeout and --query-timeout);"
                + " remove it");
    }
}

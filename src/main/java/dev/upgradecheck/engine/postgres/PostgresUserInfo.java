package dev.upgradecheck.engine.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code jdbc:postgresql://user:password@host/db}, as libpq URIs write credentials: pgjdbc has no user-info part
 * and would take {@code user:password@host} for the host name. Split into the URL without it and its user and
 * password (percent-decoded), which the connection uses where --user and the password sources give none.
 */
record PostgresUserInfo(String url, String user, String password) {

    static PostgresUserInfo split(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return new PostgresUserInfo(url, null, null);
        }
        int end = start + 2;
        while (end < url.length() && "/?".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start + 2, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return new PostgresUserInfo(url, null, null);
        }
        String info = authority.substring(0, at);
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? null : decode(info.substring(colon + 1));
        return new PostgresUserInfo(url.substring(0, start + 2) + authority.substring(at + 1) + url.substring(end),
                user.isEmpty() ? null : user, password == null || password.isEmpty() ? null : password);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}

package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * libpq's environment, as psql reads it, for what the command line left out: PGHOST, PGPORT, PGDATABASE, PGUSER,
 * PGPASSWORD, PGSSLMODE, and PGSERVICE's entry in pg_service.conf (PGSERVICEFILE, ~/.pg_service.conf, then
 * PGSYSCONFDIR/pg_service.conf). Only those keys are taken from a service entry. ~/.pgpass is pgjdbc's own.
 */
final class PgEnvironment {

    private PgEnvironment() {
    }

    static ConnectionSpec apply(ConnectionSpec given, Function<String, String> env) {
        Map<String, String> service = service(env);
        String url = given.url();
        String host = first(env.apply("PGHOST"), service.get("host"));
        String database = first(env.apply("PGDATABASE"), service.get("dbname"));
        if ((url == null || url.isBlank()) && (host != null || database != null)) {
            String port = first(env.apply("PGPORT"), service.get("port"));
            String sslmode = first(env.apply("PGSSLMODE"), service.get("sslmode"));
            url = "jdbc:postgresql://" + (host == null ? "localhost" : host) + (port == null ? "" : ":" + port) + "/"
                    + (database == null ? "" : encode(database)) + (sslmode == null ? "" : "?sslmode=" + encode(sslmode));
        }
        String user = given.user() != null ? given.user() : first(env.apply("PGUSER"), service.get("user"));
        Secret password = given.password().isPresent() ? given.password() : Secret.of(env.apply("PGPASSWORD"));
        return new ConnectionSpec(given.engineName(), url, user, password, given.connectTimeout(),
                given.queryTimeout());
    }

    /** The keys of the PGSERVICE entry, or none. */
    private static Map<String, String> service(Function<String, String> env) {
        String name = env.apply("PGSERVICE");
        if (name == null || name.isBlank()) {
            return Map.of();
        }
        for (Path file : serviceFiles(env)) {
            if (Files.isRegularFile(file)) {
                Map<String, String> entry = entry(file, name);
                if (!entry.isEmpty()) {
                    return entry;
                }
            }
        }
        return Map.of();
    }

    private static List<Path> serviceFiles(Function<String, String> env) {
        List<Path> files = new java.util.ArrayList<>();
        if (env.apply("PGSERVICEFILE") != null) {
            files.add(Path.of(env.apply("PGSERVICEFILE")));
        } else if (env.apply("HOME") != null) {
            files.add(Path.of(env.apply("HOME"), ".pg_service.conf"));
        }
        if (env.apply("PGSYSCONFDIR") != null) {
            files.add(Path.of(env.apply("PGSYSCONFDIR"), "pg_service.conf"));
        }
        return files;
    }

    /** One [section] of an INI file: key=value lines, '#' comments. */
    static Map<String, String> entry(Path file, String section) {
        Map<String, String> keys = new HashMap<>();
        try {
            boolean inside = false;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    inside = line.substring(1, line.length() - 1).strip().equals(section);
                } else if (inside && !line.isEmpty() && !line.startsWith("#") && line.contains("=")) {
                    String key = line.substring(0, line.indexOf('=')).strip();
                    if (List.of("host", "port", "dbname", "user", "sslmode").contains(key)) {
                        keys.put(key, line.substring(line.indexOf('=') + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();  // an unreadable service file is as good as none: the --url message follows
        }
        return keys;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

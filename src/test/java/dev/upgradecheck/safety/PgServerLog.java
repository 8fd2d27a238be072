package dev.upgradecheck.safety;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CSV server log of a PostgreSQL started with {@code log_statement = 'all'}: what the server says it ran, by
 * whom. A marker statement ends each window, so a test reads exactly the statements of one run.
 */
final class PgServerLog {

    /** Server settings that make every statement land in {@code dir} as CSV. */
    static Map<String, String> settings(Path dir) {
        return Map.of("logging_collector", "on", "log_destination", "csvlog", "log_directory", dir.toString(),
                "log_filename", "server.log", "log_statement", "all", "log_min_messages", "warning");
    }

    /** One logged statement: role, application and the SQL text (prefix such as "execute S_1:" removed). */
    record Entry(String user, String application, String sql, String detail) {
    }

    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(INSERT|UPDATE|DELETE|MERGE|COPY|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COMMENT|SELECT\\s+pg_)",
            Pattern.CASE_INSENSITIVE);

    private final EmbeddedPostgres pg;
    private final Path dir;
    private int seen;

    PgServerLog(EmbeddedPostgres pg, Path dir) {
        this.pg = pg;
        this.dir = dir;
    }

    /** Everything logged since the previous call, once the server has written it all. */
    List<Entry> next() {
        String marker = "safety-marker-" + UUID.randomUUID();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT '" + marker + "'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            List<List<String>> rows = rows();
            for (int i = seen; i < rows.size(); i++) {
                if (rows.get(i).size() > 13 && rows.get(i).get(13).contains(marker)) {
                    List<Entry> window = new ArrayList<>();
                    for (List<String> r : rows.subList(seen, i)) {
                        entry(r).ifPresent(window::add);
                    }
                    seen = i + 1;
                    return window;
                }
            }
            sleep();
        }
        throw new AssertionError("the server log never showed the marker: is log_statement on?");
    }

    /** The statements upgrade-check sent since the previous call that write (or may write, as pg_ functions do). */
    List<String> nextWrites() {
        return next().stream().filter(e -> "upgrade-check".equals(e.application())).map(Entry::sql)
                .filter(sql -> WRITE.matcher(sql).find()).toList();
    }

    private static java.util.Optional<Entry> entry(List<String> r) {
        if (r.size() < 23) {
            return java.util.Optional.empty();
        }
        String message = r.get(13);
        String sql;
        if (message.startsWith("statement: ")) {
            sql = message.substring("statement: ".length());
        } else if (message.startsWith("execute ") && message.indexOf(": ") > 0) {
            sql = message.substring(message.indexOf(": ") + 2);
        } else {
            return java.util.Optional.empty(); // errors, disconnections and such: not statements
        }
        return java.util.Optional.of(new Entry(r.get(1), r.get(22), sql, r.get(14)));
    }

    private List<List<String>> rows() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> csv = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
            List<List<String>> all = new ArrayList<>();
            for (Path f : csv) {
                all.addAll(parse(Files.readString(f)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 as PostgreSQL writes it: quoted fields, doubled quotes, newlines inside quotes. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows; // a last row without its newline is still being written: read it next time
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

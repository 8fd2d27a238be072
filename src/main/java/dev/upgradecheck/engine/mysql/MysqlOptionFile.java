package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The [client] section of ~/.my.cnf, as the mysql client reads it: user and password where the command line gave
 * none. Read only, never printed; nothing else in the file is taken (it may name plugins or files).
 */
final class MysqlOptionFile {

    private MysqlOptionFile() {
    }

    static ConnectionSpec apply(ConnectionSpec given, Function<String, String> env) {
        String home = env.apply("HOME");
        if (home == null || (given.user() != null && given.password().isPresent())) {
            return given;
        }
        Path file = Path.of(home, ".my.cnf");
        if (!Files.isRegularFile(file)) {
            return given;
        }
        String user = null;
        String password = null;
        try {
            boolean client = false;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    client = line.substring(1, line.length() - 1).strip().equals("client");
                } else if (client && line.contains("=") && !line.startsWith("#") && !line.startsWith(";")) {
                    String key = line.substring(0, line.indexOf('=')).strip();
                    String value = unquote(line.substring(line.indexOf('=') + 1).strip());
                    if (key.equals("user")) {
                        user = value;
                    } else if (key.equals("password")) {
                        password = value;
                    }
                }
            }
        } catch (IOException e) {
            return given;  // as the mysql client does with an unreadable option file: go on without it
        }
        return new ConnectionSpec(given.engineName(), given.url(), given.user() != null ? given.user() : user,
                given.password().isPresent() ? given.password() : Secret.of(password), given.connectTimeout(),
                given.queryTimeout());
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}

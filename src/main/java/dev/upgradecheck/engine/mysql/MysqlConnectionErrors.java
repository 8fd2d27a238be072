package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.UserText;

import java.sql.SQLException;

/** One line for a failed login or connection attempt (exit 3), from MySQL's error codes and SQLStates. */
final class MysqlConnectionErrors {

    private MysqlConnectionErrors() {
    }

    static String describe(SQLException e) {
        String server = UserText.firstLine(e.getMessage());
        return switch (e.getErrorCode()) {
            case 1045 -> "login refused: wrong user name or password (" + server + ")";
            case 1044 -> "login refused: the user may not use this database (" + server + ")";
            case 1049 -> "the database in the URL does not exist (" + server + ")";
            case 1040 -> "the server has too many connections (" + server + ")";
            case 1129 -> "the server blocks this host after too many failed connections (" + server + ")";
            case 3159 -> "the server requires a secure connection: add sslMode=REQUIRED (or VERIFY_IDENTITY) to --url";
            case 1251 -> "the server's authentication method is not supported by the driver (" + server + ")";
            default -> network(e);
        };
    }

    private static String network(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e ? UserText.firstLine(e.getMessage())
                    : root.getClass().getSimpleName() + ": " + UserText.firstLine(root.getMessage());
            if (root instanceof java.net.SocketTimeoutException) {
                why = "no answer within --connect-timeout";
            }
            String sslHint = why.contains("Public Key Retrieval") || server(e).contains("Public Key Retrieval")
                    ? " (caching_sha2_password without TLS: add allowPublicKeyRetrieval=true or sslMode=REQUIRED to --url)"
                    : "";
            return "cannot reach the server: " + why + sslHint;
        }
        return "connection failed: " + UserText.firstLine(e.getMessage()) + " (SQLState " + e.getSQLState()
                + ", code " + e.getErrorCode() + ")";
    }

    private static String server(SQLException e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }
}

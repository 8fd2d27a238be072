package dev.upgradecheck.engine.mongodb;

/** Writes mongosh statements for remedies and runbooks: every name becomes a quoted JavaScript string. */
final class Shell {

    private Shell() {
    }

    /** A JavaScript string literal: quotes, backslashes and control characters escaped. */
    static String str(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code db.getSiblingDB("admin").grantRolesToUser("cdc", [{role: "read", db: "local"}])}. */
    static String grantRole(MongoUser user, String role, String roleDb) {
        return "db.getSiblingDB(" + str(user.database()) + ").grantRolesToUser(" + str(user.name())
                + ", [{role: " + str(role) + ", db: " + str(roleDb) + "}])";
    }

    /** The exact FCV command; {@code confirm: true} is required from 7.0 on and refused before. */
    static String setFcv(String version) {
        boolean needsConfirm = dev.upgradecheck.value.Version.parse(version).atLeast(7, 0);
        return "db.adminCommand({setFeatureCompatibilityVersion: " + str(version)
                + (needsConfirm ? ", confirm: true" : "") + "})";
    }
}

package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;

/** The server answered Unauthorized (code 13): which role on which database would let the command run. */
final class MissingPrivilege extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String role;
    private final String roleDb;

    MissingPrivilege(String role, String roleDb, MongoCommandException cause) {
        super(MongoErrors.serverMessage(cause), cause);
        this.role = role;
        this.roleDb = roleDb;
    }

    String role() {
        return role;
    }

    String roleDb() {
        return roleDb;
    }
}

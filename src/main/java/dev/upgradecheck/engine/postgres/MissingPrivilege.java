package dev.upgradecheck.engine.postgres;

/** A query needs a privilege the session's role lacks; carries the exact statement that grants it. */
final class MissingPrivilege extends Exception {

    private final String grant;

    MissingPrivilege(String what, String grant, Throwable cause) {
        super(what, cause);
        this.grant = grant;
    }

    String grant() {
        return grant;
    }
}

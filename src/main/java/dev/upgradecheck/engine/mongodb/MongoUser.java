package dev.upgradecheck.engine.mongodb;

/** A MongoDB user is a name within its authentication database ({@code cdc@admin}). */
record MongoUser(String name, String database) {

    /** A name as {@code --cdc-user} gives it: {@code cdc} (in admin) or {@code cdc@authdb}. */
    static MongoUser parse(String text, String defaultDatabase) {
        int at = text.lastIndexOf('@');
        if (at > 0 && at < text.length() - 1) {
            return new MongoUser(text.substring(0, at), text.substring(at + 1));
        }
        return new MongoUser(text, defaultDatabase);
    }

    /** A placeholder for remedies when we do not know who will run CDC. */
    static final MongoUser PLACEHOLDER = new MongoUser("<cdc user>", "admin");

    @Override
    public String toString() {
        return name + "@" + database;
    }
}

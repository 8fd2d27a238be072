package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.TargetOptions;

/** What a configuration check sees: the server's facts, the shared lookups and the user's options. */
record MysqlContext(MysqlServer server, MysqlCatalog catalog, TargetOptions options) {
}

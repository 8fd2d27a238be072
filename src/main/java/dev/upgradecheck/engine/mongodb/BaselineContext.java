package dev.upgradecheck.engine.mongodb;

/** verify's comparison: the live context and the baseline (null when verify ran without --baseline). */
record BaselineContext(MongoContext live, MongoBaseline baseline) {
}

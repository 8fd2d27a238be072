package dev.upgradecheck.engine.mongodb;

import org.bson.Document;

/**
 * The answer of {@code getParameter: featureCompatibilityVersion}: the version, and during an unfinished
 * change the {@code targetVersion} (upgrading) or {@code previousVersion} (downgrading) the server reports.
 */
record FeatureCompatibility(String version, String targetVersion, String previousVersion) {

    static FeatureCompatibility from(Document reply) {
        Object fcv = reply.get("featureCompatibilityVersion");
        if (fcv instanceof Document d && d.get("version") instanceof String v) {
            return new FeatureCompatibility(v, d.getString("targetVersion"), d.getString("previousVersion"));
        }
        if (fcv instanceof String v) { // 3.4 answered with a bare string
            return new FeatureCompatibility(v, null, null);
        }
        throw new IllegalStateException("the server's getParameter answer holds no featureCompatibilityVersion.version: "
                + reply.toJson());
    }

    boolean inTransition() {
        return targetVersion != null || previousVersion != null;
    }

    ReleaseSeries series() {
        return ReleaseSeries.of(version);
    }

    @Override
    public String toString() {
        if (targetVersion != null) {
            return version + " (upgrading to " + targetVersion + ")";
        }
        if (previousVersion != null) {
            return version + " (downgrading from " + previousVersion + ")";
        }
        return version;
    }
}

package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.value.Version;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The minor releases of August 2026 (14.24, 15.19, 16.15, 17.11, 18.6) restrict logical decoding output plugins to
 * the server parameter {@code output_plugin_libraries} (default {@code 'pgoutput, test_decoding'}): a wal2json or
 * decoderbufs slot stops working after such an update until the setting lists its plugin. The setting is unknown
 * to older releases, which refuse to start with it, so it is added only after the update.
 */
final class OutputPluginAllowlist {

    static final String SETTING = "output_plugin_libraries";

    /** The first minor of each major that has the setting; later majors have it from their first release. */
    private static final Map<Integer, Integer> FIRST_MINOR = Map.of(14, 24, 15, 19, 16, 15, 17, 11, 18, 6);
    private static final int LAST_MAJOR_WITHOUT = 18;
    private static final List<String> DEFAULT = List.of("pgoutput", "test_decoding");

    private OutputPluginAllowlist() {
    }

    /** Whether this release has the setting; empty when it depends on a minor the version does not name. */
    static Optional<Boolean> knows(Version v) {
        if (v.major() > LAST_MAJOR_WITHOUT) {
            return Optional.of(true);
        }
        Integer first = FIRST_MINOR.get(v.major());
        if (first == null) {
            return Optional.of(false);
        }
        return v.parts().size() < 2 ? Optional.empty() : Optional.of(v.minor() >= first);
    }

    /** The first release of this major with the setting, e.g. {@code 17.11}. */
    static String firstRelease(int major) {
        return major > LAST_MAJOR_WITHOUT ? major + ".0" : major + "." + FIRST_MINOR.getOrDefault(major, 0);
    }

    /** Plugins among these that the default list does not allow. */
    static Set<String> outsideDefault(Collection<String> plugins) {
        Set<String> outside = new LinkedHashSet<>(plugins);
        outside.removeAll(DEFAULT);
        outside.remove(null);
        return outside;
    }

    /** The line to add to postgresql.conf (or the parameter group) after the update. */
    static String line(Collection<String> extra) {
        Set<String> all = new LinkedHashSet<>(DEFAULT);
        all.addAll(extra);
        return SETTING + " = '" + String.join(", ", all) + "'";
    }
}

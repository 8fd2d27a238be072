package dev.upgradecheck.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and git commit Maven wrote into the jar, for --version and for baselines. */
public final class ToolVersion implements IVersionProvider {

    private static final Properties BUILD = load();
    private static final String VERSION = recorded("version");
    private static final String COMMIT = recorded("commit");

    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"upgrade-check " + VERSION + " (commit " + COMMIT + ")",
                "Java " + System.getProperty("java.version")};
    }

    /** A value the build filled in; "unknown" when it could not (no .git in a source tarball leaves the placeholder). */
    private static String recorded(String key) {
        String value = BUILD.getProperty(key, "");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("/upgrade-check.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves both values "unknown"
        }
        return p;
    }
}

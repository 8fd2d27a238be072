package dev.upgradecheck.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into the jar, for --version and for baselines. */
public final class ToolVersion implements IVersionProvider {

    private static final String VERSION = load();

    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"upgrade-check " + VERSION, "Java " + System.getProperty("java.version")};
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/upgrade-check.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

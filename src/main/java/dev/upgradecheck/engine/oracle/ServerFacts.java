package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.value.Version;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the session learned when it opened: the release, who is logged in, which container, and whether this is
 * Amazon RDS. Read from views every user may read (PRODUCT_COMPONENT_VERSION, SYS_CONTEXT, ALL_USERS), so
 * opening a session needs no catalog privilege.
 *
 * @param containerId SYS_CONTEXT('USERENV','CON_ID'): 0 in a non-CDB, 1 in CDB$ROOT, 3 or more in a PDB
 */
public record ServerFacts(String versionText, String sessionUser, String containerName, int containerId,
                          boolean rds) {

    public Version version() {
        return Version.parse(versionText);
    }

    public boolean cdb() {
        return containerId > 0;
    }

    public boolean inRoot() {
        return containerId == 1;
    }

    public Platform platform() {
        return rds ? Platform.RDS : Platform.SELF_HOSTED;
    }

    public ServerInfo serverInfo() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("cdb", cdb() ? "yes" : "no");
        details.put("container", containerName);
        details.put("sessionUser", sessionUser);
        return new ServerInfo("Oracle Database", versionText, platform().id(), details);
    }
}

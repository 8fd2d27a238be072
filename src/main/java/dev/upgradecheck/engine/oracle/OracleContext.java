package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.value.HumanDuration;
import dev.upgradecheck.value.Version;

import java.util.List;
import java.util.Optional;

/**
 * What every Oracle check evaluates against: the catalog, what the session learned at open, the user's
 * options already parsed (tables, CDC user, target version), and the baseline when verify was given one.
 */
record OracleContext(OracleCatalog catalog, ServerFacts facts, List<TableName> tables, OracleName cdcUser,
                     Optional<Version> targetVersion, HumanDuration window, Optional<OracleBaseline> baseline) {

    OracleRemedies remedies() {
        return OracleRemedies.of(facts, cdcUser);
    }
}

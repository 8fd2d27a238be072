package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.Optional;

/** Server release, edition and platform; with --target-version, what kind of upgrade this is. */
final class VersionCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.version", "SQL Server release, edition and upgrade path",
            VersionCheck::evaluate);

    private VersionCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) {
        SqlServerFacts f = ctx.facts();
        String observed = SqlServerRelease.name(f.version()) + " (" + f.productVersion() + "), " + f.edition()
                + ", " + f.platform().id();
        if (f.engineEdition() == SqlServerFacts.EXPRESS) {
            return Outcome.fail(observed, "Standard (2016 SP1+), Enterprise or Developer edition",
                    "Express edition has no change data capture and no SQL Server Agent to run the capture job",
                    "move the database to an edition with CDC before relying on it");
        }
        String target = ctx.options().targetVersion();
        if (target == null || target.isBlank()) {
            return Outcome.pass(observed);
        }
        if (f.azureSqlDatabase()) {
            return Outcome.pass(observed, "Azure SQL Database is versionless: Microsoft applies engine updates; "
                    + "--target-version does not apply");
        }
        int from = f.version().major();
        int to = SqlServerRelease.major(target);
        String path = SqlServerRelease.nameOfMajor(from) + " -> " + SqlServerRelease.nameOfMajor(to);
        if (to < from) {
            return Outcome.fail(observed, "a target release at or above the current one",
                    path + ": SQL Server cannot attach or restore a database into an older release",
                    "choose a target release at or above " + SqlServerRelease.nameOfMajor(from));
        }
        // Setup's paths; a managed service (RDS, Cloud SQL, Managed Instance) publishes its own
        Optional<String> unsupported = f.platform() == Platform.SELF_HOSTED
                ? InPlaceUpgradePath.unsupported(f.version(), to) : Optional.empty();
        if (unsupported.isPresent()) {
            return Outcome.fail(observed, "a supported in-place upgrade path", path + ": " + unsupported.get(), null);
        }
        if (to == from) {
            return Outcome.pass(observed, path + ": an update within the release (CU/GDR); CDC configuration, "
                    + "change tables and jobs stay, the capture job resumes when the Agent starts again");
        }
        return Outcome.pass(observed, path + ": a major upgrade. Upgraded in place, the database keeps CDC, its "
                + "change tables and the msdb jobs; moved by backup/restore it loses CDC unless restored WITH "
                + "KEEP_CDC, and the capture and cleanup jobs must be added again on the new server");
    }
}

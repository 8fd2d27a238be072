package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.Platform;
import java.util.List;

/**
 * The exact statements that fix what a check found, for this platform: self-hosted Oracle takes plain DDL and
 * GRANTs; Amazon RDS gives no SYS access and wraps the same operations in {@code rdsadmin.rdsadmin_util}.
 * In a CDB, grants to a common user from CDB$ROOT carry {@code CONTAINER=ALL} so they hold in every PDB.
 */
record OracleRemedies(boolean rds, boolean containerAll) {

    static OracleRemedies selfHosted() {
        return new OracleRemedies(false, false);
    }

    static OracleRemedies forPlatform(Platform platform, boolean cdb) {
        return new OracleRemedies(platform == Platform.RDS, cdb);
    }

    static OracleRemedies of(ServerFacts facts, OracleName grantee) {
        return new OracleRemedies(facts.rds(), facts.inRoot() && isCommonName(grantee));
    }

    static boolean isCommonName(OracleName user) {
        return user.value().startsWith("C##");
    }

    String minimalSupplementalLogging() {
        return rds ? "EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD');"
                : "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;";
    }

    String tableSupplementalLogging(TableName table) {
        return "ALTER TABLE " + table.quoted() + " ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;";
    }

    /** ARCHIVELOG needs a restart into MOUNT on a self-hosted server; RDS ties it to automated backups. */
    List<String> enableArchiveLog() {
        if (rds) {
            return List.of("aws rds modify-db-instance --db-instance-identifier <instance> "
                    + "--backup-retention-period 7 --apply-immediately");
        }
        return List.of("SHUTDOWN IMMEDIATE", "STARTUP MOUNT", "ALTER DATABASE ARCHIVELOG;", "ALTER DATABASE OPEN;");
    }

    String archiveRetention(long hours) {
        return rds ? "EXEC rdsadmin.rdsadmin_util.set_configuration(name => 'archivelog retention hours', value => '"
                + hours + "');"
                : "-- keep archived logs at least " + hours + " hours: check the RMAN ARCHIVELOG DELETION POLICY "
                + "and any job running DELETE ARCHIVELOG";
    }

    String grantSystemPrivilege(String privilege, OracleName grantee) {
        return "GRANT " + privilege + " TO " + grantee.quoted() + container() + ";";
    }

    /** SELECT or EXECUTE on a SYS object (V_$ views, DBMS_LOGMNR, DBA_ views). */
    String grantOnSysObject(String privilege, String object, OracleName grantee) {
        if (rds) {
            return "EXEC rdsadmin.rdsadmin_util.grant_sys_object(p_obj_name => " + literal(object) + ", p_grantee => "
                    + literal(grantee.value()) + ", p_privilege => " + literal(privilege) + ");";
        }
        return "GRANT " + privilege + " ON SYS." + object + " TO " + grantee.quoted() + container() + ";";
    }

    private String container() {
        return containerAll ? " CONTAINER=ALL" : "";
    }

    /** A SQL string literal: single quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

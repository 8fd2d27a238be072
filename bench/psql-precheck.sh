#!/usr/bin/env bash
# The baseline upgrade-check's PostgreSQL precheck is compared with: the same catalog queries, run with psql.
#   bash bench/psql-precheck.sh [--per-check] HOST PORT DB
# Default: one psql process sends every query (what a DBA's careful script does).
# --per-check: one psql process per check (21 checks), each sending the queries that check reads
#              (what a script grown one check at a time does).
# --database-only: only the per-database queries (publications, table privileges), for the fleet's floor.
# The SQL text is copied from src/main/java/dev/upgradecheck/engine/postgres (PgServer.QUERY and PgCatalog),
# with the slot columns of PostgreSQL 16 (the bench server) and the role bound to the connected user, as the
# engine does when no --cdc-user is given. The session is read-only with a statement timeout, set in the
# startup packet as the engine does (PGOPTIONS). The reader query (pg_stat_replication) is left out because
# the engine sends it only when a slot is active, and no slot on the bench server is.
# It only reads and prints the rows: no verdicts are computed, which favours the script.
set -euo pipefail
mode=all
case "${1:-}" in
  --per-check) mode=per-check; shift ;;
  --database-only) mode=database-only; shift ;;
esac
[ $# -eq 3 ] || { echo "usage: $0 [--per-check | --database-only] HOST PORT DB" >&2; exit 2; }
host=$1 port=$2 db=$3
export PGOPTIONS="-c default_transaction_read_only=on -c statement_timeout=30000"
export PGCONNECT_TIMEOUT=10

# PgServer.QUERY
read -r -d '' Q_SERVER <<'SQL' || true
SELECT current_database() AS database, current_user AS current_user,
       current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS version_num,
       pg_is_in_recovery() AS in_recovery,
       EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'aurora_version') AS aurora,
       EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser') AS rds,
       EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cloudsqlsuperuser') AS cloudsql,
       EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'azure_pg_admin') AS azure;
SQL
# PgCatalog.SETTINGS with PgCatalog.SETTING_NAMES bound
read -r -d '' Q_SETTINGS <<'SQL' || true
SELECT name, setting, unit, source, pending_restart
FROM pg_settings WHERE name = ANY (ARRAY['wal_level', 'max_replication_slots', 'max_wal_senders',
  'max_slot_wal_keep_size', 'wal_keep_size', 'archive_mode', 'archive_command', 'hot_standby_feedback',
  'rds.logical_replication', 'cloudsql.logical_decoding', 'server_version_num']);
SQL
# PgCatalog.slotsQuery(16)
read -r -d '' Q_SLOTS <<'SQL' || true
WITH pos AS (
  SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT s.slot_name, s.plugin, s.slot_type, s.database, s.temporary, s.active, s.active_pid,
       s.restart_lsn::text AS restart_lsn, s.confirmed_flush_lsn::text AS confirmed_flush_lsn,
       pos.lsn::text AS current_lsn,
       pg_wal_lsn_diff(pos.lsn, s.confirmed_flush_lsn)::bigint AS lag_bytes,
       s.wal_status, s.safe_wal_size, s.conflicting, NULL::text AS invalidation_reason
FROM pg_replication_slots s CROSS JOIN pos
ORDER BY s.slot_name;
SQL
# PgCatalog.PUBLICATIONS
read -r -d '' Q_PUBLICATIONS <<'SQL' || true
SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
       t.schemaname, t.tablename, c.relreplident::text AS relreplident,
       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pk,
       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident) AS has_identity_index,
       pr.oid::bigint AS membership
FROM pg_publication p
LEFT JOIN pg_publication_tables t ON t.pubname = p.pubname
LEFT JOIN pg_namespace n ON n.nspname = t.schemaname
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.tablename
LEFT JOIN pg_publication_rel pr ON pr.prpubid = p.oid AND pr.prrelid = c.oid
ORDER BY p.pubname, t.schemaname, t.tablename;
SQL
# PgCatalog.ROLE with the connected user bound (psql's :'USER')
read -r -d '' Q_ROLE <<'SQL' || true
SELECT r.rolname, r.rolreplication, r.rolsuper, r.rolcanlogin,
       EXISTS (SELECT 1 FROM pg_roles g
               WHERE g.rolname = 'rds_replication' AND pg_has_role(r.oid, g.oid, 'MEMBER')) AS rds_replication
FROM pg_roles r WHERE r.rolname = :'USER';
SQL
# PgCatalog.TABLES_WITHOUT_SELECT
read -r -d '' Q_NOSELECT <<'SQL' || true
SELECT DISTINCT t.schemaname, t.tablename
FROM pg_publication_tables t
WHERE NOT has_table_privilege(:'USER'::name, format('%I.%I', t.schemaname, t.tablename), 'SELECT')
ORDER BY 1, 2;
SQL
# PgCatalog.ARCHIVER
read -r -d '' Q_ARCHIVER <<'SQL' || true
SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal,
       last_failed_time, (last_failed_time IS NOT NULL
         AND (last_archived_time IS NULL OR last_failed_time > last_archived_time)) AS failing
FROM pg_stat_archiver;
SQL

run_psql() { printf '%s\n' "$@" | psql -X -q -A -v ON_ERROR_STOP=1 -h "$host" -p "$port" -d "$db" -U "${PGUSER:-postgres}" -f -; }

if [ "$mode" = all ]; then
  run_psql "$Q_SERVER" "$Q_SETTINGS" "$Q_SLOTS" "$Q_PUBLICATIONS" "$Q_ROLE" "$Q_NOSELECT" "$Q_ARCHIVER"
  exit 0
fi
if [ "$mode" = database-only ]; then
  # only what differs from one database of a server to the next (the rest is cluster-wide): the least any
  # tool must ask each database, which gives the fleet benchmark its floor
  run_psql "$Q_PUBLICATIONS" "$Q_NOSELECT"
  exit 0
fi
# one psql per check, in the engine's order (PostgresSession.PRECHECK), each with what that check reads
run_psql "$Q_SETTINGS"                                   # pg.wal_level
run_psql "$Q_SERVER"                                     # pg.primary
run_psql "$Q_SETTINGS" "$Q_SLOTS"                        # pg.capacity
for check in exists plugin database active wal_status invalidation lag; do
  run_psql "$Q_SLOTS"                                    # pg.slot.$check
done
for check in exists operations tables replica_identity; do
  run_psql "$Q_PUBLICATIONS"                             # pg.publication.$check / pg.replica_identity
done
run_psql "$Q_ROLE" "$Q_PUBLICATIONS" "$Q_NOSELECT"       # pg.cdc_role
run_psql "$Q_SLOTS"                                      # pg.reader
run_psql "$Q_SETTINGS" "$Q_ARCHIVER"                     # pg.archiver
run_psql "$Q_SERVER"                                     # pg.upgrade_path (server version)
run_psql "$Q_SERVER"                                     # pg.slot_migration (server version)

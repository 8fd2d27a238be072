#!/bin/sh
# pg_upgrade asks the old cluster's pg_resetwal for "-n DATADIR" (a dry run that prints the control values).
# PostgreSQL 15's pg_resetwal reads 14's control file (format 1300) but refuses a data directory whose
# PG_VERSION is 14, so show it a shadow directory: the same pg_control and pg_wal, PG_VERSION 15.
NEW=/usr/lib/postgresql/15/bin/pg_resetwal
case "$1" in
  -V|--version) echo "pg_resetwal (PostgreSQL) 14"; exit 0 ;;
  -n) data=$(cd "$2" && pwd); shadow=$(mktemp -d); mkdir "$shadow/global"; cp "$data/global/pg_control" "$shadow/global/";
      echo 15 > "$shadow/PG_VERSION"; ln -s "$data/pg_wal" "$shadow/pg_wal"; chmod 700 "$shadow";
      "$NEW" -n "$shadow"; rc=$?; rm -rf "$shadow"; exit $rc ;;
  *) echo "pg_resetwal wrapper: only -n is supported" >&2; exit 1 ;;
esac

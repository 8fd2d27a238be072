#!/usr/bin/env bash
# Fleets of a thousand: time and peak RSS of one `precheck --inventory` at 100 and at 1,000 targets, default
# --parallel and --per-server. The targets are databases on one local PostgreSQL 16 (each with a table, a
# publication and its own slot; several targets may name the same database, as aliases in a real inventory do)
# plus unreachable ones (a closed loopback port: refused at once). One command, rerunnable by anyone:
#   bash bench/fleet-scale.sh        (writes bench/fleet-scale-results.md)
# The largest size runs once more with a 64 MB heap (-Xmx64m): the live data (the reports held for the final
# document, and the targets in flight) must fit in it, whatever the peak RSS a lazy collector reaches.
# Knobs: BENCH_SIZES (default "100 500 1000"), BENCH_DATABASES (distinct databases, default 100),
#        BENCH_UNREACHABLE_EVERY (every Nth target is unreachable, default 5), BENCH_PORT (default 58432),
#        BENCH_SKIP_BUILD=1 (use the jar already in target/), MAVEN_ARGS, BENCH_OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-58432}
sizes=${BENCH_SIZES:-100 500 1000}
databases=${BENCH_DATABASES:-100}
unreachable_every=${BENCH_UNREACHABLE_EVERY:-5}
out=${BENCH_OUT:-bench/fleet-scale-results.md}
work=$(mktemp -d /tmp/upgrade-check-scale.XXXXXX)

. bench/pg-server.sh
need_tools psql unzip xz python3
build_jar
trap 'stop_pg "$work"; rm -rf "$work"' EXIT
start_pg "$work" "$port" $((databases + 20))
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "setting up $databases databases..."
for i in $(seq 1 "$databases"); do setup_db "scale_$i"; done

inventory() { # inventory SIZE: SIZE targets, every unreachable_every-th one on the closed port
  echo "defaults: {engine: postgres, user: postgres, publication: cdc_pub, connectTimeout: 2s}"
  echo "targets:"
  for t in $(seq 1 "$1"); do
    if [ $((t % unreachable_every)) = 0 ]; then
      echo "  - {name: t$t, url: 'jdbc:postgresql://127.0.0.1:$closed_port/gone_$t'}"
    else
      d=$(( (t - 1) % databases + 1 ))
      echo "  - {name: t$t, url: 'jdbc:postgresql://127.0.0.1:$port/scale_$d', slot: cdc_slot_scale_$d}"
    fi
  done
}

export PGUSER=postgres
: > "$work/rows.md"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure() { # measure SIZE LABEL: one fleet run, one table row
  inventory "$1" > "$work/fleet-$1.yaml"
  rm -f "$work/report-$1.json"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time-$1" target/upgrade-check precheck \
    --inventory "$work/fleet-$1.yaml" --format json --output "$work/report-$1.json" 2>/dev/null || true
  read -r wall user sys rss < <(tail -1 "$work/time-$1")
  bytes=$(stat -c %s "$work/report-$1.json")
  targets=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["targets"]))' "$work/report-$1.json")
  echo "| $2 | $targets | $wall | $user + $sys | $((rss / 1024)) | $((bytes / 1024)) |" >> "$work/rows.md"
}
for size in $sizes; do
  measure "$size" "$size"
done
largest=${sizes##* }
UPGRADE_CHECK_JAVA_OPTS=-Xmx64m measure "$largest" "$largest, -Xmx64m"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Fleet scale results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(machine),"
  echo "PostgreSQL 16 on loopback, $databases databases, every ${unreachable_every}th target unreachable (closed port)."
  echo "Default --parallel and --per-server. Load average before: $load_before; after: $load_after."
  echo
  echo "| targets | reports | wall [s] | client CPU user + sys [s] | peak RSS [MB] | JSON report [KB] |"
  echo "|---:|---:|---:|---:|---:|---:|"
  cat "$work/rows.md"
} > "$out"
cat "$out"

#!/usr/bin/env bash
# Benchmarks upgrade-check across a network (issue "Speed where users feel it"): bench/LatencyProxy.java sits
# between client and server and adds a fixed one-way delay, so RTT = 2 x delay, and counts the round trips each
# connection makes at the proxy (not estimated). The commands compared run side by side (bench/interleave.py: one
# run of each per round), so a load that moves weighs on both; the proxy's flight log splits each run's time into
# waiting on the network and the client's own (bench/latency_table.py). One command, rerunnable by anyone:
#   bash bench/latency.sh            (writes bench/latency-results.md)
# It starts its own PostgreSQL 16 on loopback (bench/pg-server.sh) and leaves nothing running.
# Knobs: BENCH_RTTS (ms, default "0 5 20 80"), BENCH_RUNS (runs per single command, default 5),
#        BENCH_FLEET (databases, default 60), BENCH_FLEET_RTTS (default "0 20"; empty: no fleet), BENCH_PORT (default 56432),
#        BENCH_SKIP_BUILD=1 (use the jar already in target/), MAVEN_ARGS, BENCH_OUT,
#        BENCH_BEFORE=DIR (another build's target/, e.g. of an older commit: its precheck runs in the same rounds as
#        this one's, labelled BENCH_BEFORE_LABEL; its CDS archive must have been made where it now lies).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-56432}
proxy_port=$((port + 1))
rtts=${BENCH_RTTS:-0 5 20 80}
fleet_rtts=${BENCH_FLEET_RTTS-0 20}
runs=${BENCH_RUNS:-5}
fleet_size=${BENCH_FLEET:-60}
out=${BENCH_OUT:-bench/latency-results.md}
work=$(mktemp -d /tmp/upgrade-check-latency.XXXXXX)

. bench/pg-server.sh
need_tools psql unzip xz python3
build_jar
proxy_pid=""
stop_proxy() { if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""; fi; }
cleanup() { stop_proxy; stop_pg "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_pg "$work" "$port" $((fleet_size + 20))
javac -d "$work/proxy" bench/LatencyProxy.java

echo "setting up 1 + $fleet_size databases..." >&2
setup_db bench
for i in $(seq 1 "$fleet_size"); do setup_db "fleet_$i"; done
{
  echo "defaults: {engine: postgres, user: postgres, publication: cdc_pub}"
  echo "targets:"
  for i in $(seq 1 "$fleet_size"); do
    echo "  - {name: fleet-$i, url: 'jdbc:postgresql://127.0.0.1:$proxy_port/fleet_$i', slot: cdc_slot_fleet_$i}"
  done
} > "$work/fleet.yaml"
cat > "$work/psql-loop.sh" <<LOOP
for i in \$(seq 1 $fleet_size); do bash bench/psql-precheck.sh 127.0.0.1 $proxy_port fleet_\$i >/dev/null; done
LOOP

start_proxy() { # start_proxy RTT_MS: a fresh proxy and stats file
  stop_proxy
  : > "$work/stats"
  : > "$work/flights"
  java -cp "$work/proxy" LatencyProxy "$proxy_port" "$port" $(( $1 / 2 )) "$work/stats" "$work/flights" \
    > "$work/proxy.log" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 1 100); do grep -q listening "$work/proxy.log" 2>/dev/null && return; sleep 0.05; done
  echo "the proxy did not start" >&2; exit 1
}
round_trips() { # round_trips COMMAND...: round trips the command made through the proxy, all connections added
  : > "$work/stats"
  "$@" >/dev/null 2>&1 || true
  sleep 0.3  # the proxy writes a connection's line when both directions have closed
  awk -F'[ =]' '{n += $2} END {print n + 0}' "$work/stats"
}

export PGUSER=postgres
uc=target/upgrade-check
precheck="$uc precheck --engine postgres --url jdbc:postgresql://127.0.0.1:$proxy_port/bench --user postgres --slot cdc_slot_bench --publication cdc_pub --format json --output /dev/null"
psql_one="bash bench/psql-precheck.sh 127.0.0.1 $proxy_port bench"
fleet="$uc precheck --inventory $work/fleet.yaml --format json --output /dev/null"

load() { cut -d' ' -f1 /proc/loadavg; }
before_label=${BENCH_BEFORE_LABEL:-before}
before_run=()
if [ -n "${BENCH_BEFORE:-}" ]; then before_run=("$before_label" "$BENCH_BEFORE/upgrade-check ${precheck#"$uc" }"); fi
# the launcher silences the JVM's CDS warnings, so say whether its archive was used: a stale one costs start-up time
UPGRADE_CHECK_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.txt" ${precheck/$proxy_port/$port} >/dev/null 2>&1 || true
cds="$(grep -c 'shared objects file' "$work/classes.txt" || true) of $(wc -l < "$work/classes.txt") classes"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$work/single.md"
: > "$work/phases.md"
: > "$work/trips.md"
: > "$work/before.md"
for rtt in $rtts; do
  start_proxy "$rtt"
  echo "| $rtt | $(round_trips $precheck) | $(round_trips $psql_one) |" >> "$work/trips.md"
  rtt_load=$(load)
  python3 bench/interleave.py "$runs" 1 "$work/single-$rtt.json" upgrade-check "$precheck" psql "$psql_one" \
    "${before_run[@]}"
  sleep 0.5  # the proxy logs a connection's flights once both directions have closed: the last run's too
  python3 bench/latency_table.py single "$rtt" "$work/single-$rtt.json" "$work/flights" "$rtt_load" >> "$work/single.md"
  if [ -n "${BENCH_BEFORE:-}" ]; then
    python3 bench/latency_table.py before "$rtt" "$work/single-$rtt.json" "$work/flights" "$rtt_load" >> "$work/before.md"
  fi
  python3 bench/latency_table.py phases "$rtt" "$work/single-$rtt.json" "$work/flights" >> "$work/phases.md"
done
: > "$work/fleet.md"
for rtt in $fleet_rtts; do
  start_proxy "$rtt"
  trips=$(round_trips $fleet)
  rtt_load=$(load)
  python3 bench/interleave.py 1 0 "$work/fleet-$rtt.json" upgrade-check "$fleet" psql "bash $work/psql-loop.sh"
  python3 bench/latency_table.py fleet "$rtt" "$work/fleet-$rtt.json" "$trips" "$rtt_load" >> "$work/fleet.md"
done
stop_proxy
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Latency benchmark results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(machine),"
  echo "PostgreSQL 16 on loopback behind bench/LatencyProxy.java. Load average before: $load_before; after: $load_after."
  echo "The launcher's CDS archive was in use: $cds came from it."
  echo
  echo "## Round trips per precheck (counted at the proxy: client flights the server answered, plus one for the TCP handshake)"
  echo
  echo "| RTT [ms] | upgrade-check precheck | psql script, one psql |"
  echo "|---:|---:|---:|"
  cat "$work/trips.md"
  echo
  echo "## One precheck: $runs runs of each, side by side (one of each per round, after one warm-up round)"
  echo
  echo "Wall: median ± stddev [ms]; network: the median time a run waited for the server's answers at the proxy"
  echo "(TCP handshake included); CPU: the client's user + system time; ratio: of the medians. Load: 1-minute load"
  echo "average when the RTT's runs began."
  echo
  echo "| RTT [ms] | load | upgrade-check wall | network | CPU | psql wall | network | ratio |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$work/single.md"
  echo
  if [ -n "${BENCH_BEFORE:-}" ]; then
    echo "## This build's precheck against $before_label's ($BENCH_BEFORE), in the same rounds"
    echo
    echo "Wall: median ± stddev [ms]; network and CPU as above; after: from the last byte on the wire to the exit"
    echo "(the report), median; gain: $before_label's median wall minus this build's."
    echo
    echo "| RTT [ms] | load | this build wall | network | after | CPU | $before_label wall | network | after | CPU | gain |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    cat "$work/before.md"
    echo
  fi
  echo "## Where one precheck's time goes: medians [ms]"
  echo
  echo "To the first byte: the launcher and JVM start, argument parsing, engine and connection set-up, until the"
  echo "SSL request reaches the proxy. Network: waiting for the server's answers. Between: the client's work"
  echo "between the flights (the driver after login, the checks). After: from the last byte (the connection's"
  echo "Terminate) to the exit (the report)."
  echo
  echo "| RTT [ms] | wall | to the first byte | network | between | after |"
  echo "|---:|---:|---:|---:|---:|---:|"
  cat "$work/phases.md"
  echo
  echo "## Fleet of $fleet_size databases on one server, default settings, one run each"
  echo
  echo "| RTT [ms] | load | upgrade-check [s] | sequential psql loop [s] | speed-up | round trips (upgrade-check) |"
  echo "|---:|---:|---:|---:|---:|---:|"
  cat "$work/fleet.md"
} > "$out"
# The results go to $out, and to stdout only on a terminal: piped into the same file (bash bench/latency.sh | tee
# bench/latency-results.md), a progress line ahead of the tables and their copy after them left the file holding
# its start and then all of it again, the fleet table twice.
if [ -t 1 ]; then cat "$out"; else echo "wrote $out" >&2; fi

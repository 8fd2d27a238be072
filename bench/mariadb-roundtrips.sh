#!/usr/bin/env bash
# Round trips of one MariaDB precheck, counted at bench/LatencyProxy.java (issue "Speed where users feel it").
# One command, rerunnable by anyone:
#   bash bench/mariadb-roundtrips.sh
# It starts its own MariaDB from Debian's mariadb-server binaries on loopback (as the tests' MariadbTestServer
# does), puts the proxy between client and server at RTT 0, runs one precheck, and prints the round trips the
# proxy counted with the statements the server's general log shows. It leaves nothing running.
# Knobs: BENCH_PORT (default 56532; the proxy listens on the next port), BENCH_SKIP_BUILD=1 (use the jar already in
#        target/), MAVEN_ARGS, BENCH_PRECHECK_ARGS (more precheck options, e.g. "--cdc-user uc_cdc").
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-56532}
proxy_port=$((port + 1))
work=$(mktemp -d /tmp/upgrade-check-mariadb.XXXXXX)

. bench/pg-server.sh
build_jar
for tool in mariadbd mariadb-install-db mariadb; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install mariadb-server" >&2; exit 1; }
done

server_pid=""
proxy_pid=""
cleanup() {
  for pid in $proxy_pid $server_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# the benchmark's account, with what a CDC reader needs; its password reaches the tool through the environment
user=uc_bench
export UPGRADE_CHECK_PASSWORD=bench-pw-7
mariadb-install-db --no-defaults --datadir="$work/data" --user=root --auth-root-authentication-method=normal \
  --skip-test-db > "$work/install.log" 2>&1
mariadbd --no-defaults --datadir="$work/data" --port="$port" --bind-address=127.0.0.1 --socket="$work/sock" \
  --user=root --log-bin="$work/data/binlog" --binlog-format=ROW --server-id=1 --skip-name-resolve \
  --innodb-buffer-pool-size=16M --log-error="$work/error.log" --pid-file="$work/mariadbd.pid" \
  --general-log=ON --general-log-file="$work/general.log" > "$work/stdout.log" 2>&1 &
server_pid=$!
admin() { mariadb --no-defaults --socket="$work/sock" -u root "$@"; }
for _ in $(seq 1 300); do admin -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.2; done
admin -e "CREATE USER '$user'@'%' IDENTIFIED BY '$UPGRADE_CHECK_PASSWORD';
  GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, LOCK TABLES, PROCESS ON *.* TO '$user'@'%';
  CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);"

javac -d "$work/proxy" bench/LatencyProxy.java
: > "$work/stats"
java -cp "$work/proxy" LatencyProxy "$proxy_port" "$port" 0 "$work/stats" > "$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/proxy.log" 2>/dev/null && break; sleep 0.05; done

admin -e "SET GLOBAL general_log = OFF" && : > "$work/general.log" && admin -e "SET GLOBAL general_log = ON"
# shellcheck disable=SC2086
target/upgrade-check precheck --engine mariadb --url "jdbc:mariadb://127.0.0.1:$proxy_port/shop" --user "$user" \
  --tables shop.orders --format json --output /dev/null ${BENCH_PRECHECK_ARGS:-} || true
sleep 0.5  # the proxy writes a connection's line once both directions have closed

echo "MariaDB $(admin -N -e 'SELECT VERSION()'), $(machine)"
echo "precheck --engine mariadb, round trips at the proxy (TCP handshake included): $(awk -F'[ =]' '{n += $2} END {print n + 0}' "$work/stats")"
echo "  per connection: $(cat "$work/stats")"
echo "statements the server logged for the tool's connection (Connect is the login, not a statement):"
id=$(awk -v u="$user" '$0 ~ "Connect[[:space:]]+" u "@" {for (i = 1; i <= NF; i++) if ($i == "Connect") print $(i - 1)}' \
  "$work/general.log" | tail -1)
awk -v id="$id" '{ for (i = 1; i <= NF; i++) if ($i == id && ($(i + 1) == "Query" || $(i + 1) == "Connect")) {
  line = ""; for (j = i + 1; j <= NF; j++) line = line " " $j; print "  " substr(line, 1, 160); break } }' \
  "$work/general.log"

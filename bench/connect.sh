#!/usr/bin/env bash
# The wall time --connect-url adds to a precheck: the same precheck against a PostgreSQL 16 with a real Debezium
# connector, with and without --connect-url pointing at a real Kafka Connect worker (the end-to-end tests' jars).
# Run once a kafka-tagged test has resolved target/pipeline (./mvnw test -Dtest=DebeziumPostgresPipelineTest):
#   bash bench/connect.sh        Knobs: BENCH_RUNS (default 10), BENCH_PORT (default 55433), BENCH_SKIP_BUILD=1
# Starts its own broker, worker and PostgreSQL on loopback ports and leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-55433}
runs=${BENCH_RUNS:-10}
work=$(mktemp -d /tmp/upgrade-check-connect.XXXXXX)
[ -f target/pipeline/resolved ] || { echo "no target/pipeline: run a kafka-tagged test first" >&2; exit 2; }

. bench/pg-server.sh
need_tools hyperfine psql unzip xz python3
build_jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kafka_port=$(free_port); controller_port=$(free_port); connect_port=$(free_port)
connect="http://127.0.0.1:$connect_port"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # the worker waits for the broker while it stops: give both a moment, then end them
  for _ in $(seq 1 20); do kill -0 "${pids[@]}" 2>/dev/null || break; sleep 1; done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  stop_pg "$work"; rm -rf "$work"
}
trap cleanup EXIT

# the broker and the worker as the tests start them (KafkaBroker, ConnectWorker, ChildJvm)
jvm=(java -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true)
cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$work/kafka-data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cat > "$work/connect.properties" <<PROPS
bootstrap.servers=127.0.0.1:$kafka_port
group.id=upgrade-check-bench
listeners=$connect
rest.advertised.host.name=127.0.0.1
plugin.path=$PWD/target/pipeline/plugins
plugin.discovery=service_load
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
offset.storage.topic=connect-offsets
offset.storage.partitions=1
offset.storage.replication.factor=1
config.storage.topic=connect-configs
config.storage.replication.factor=1
status.storage.topic=connect-status
status.storage.partitions=1
status.storage.replication.factor=1
offset.flush.interval.ms=1000
PROPS
"${jvm[@]}" -cp "target/pipeline/kafka/*:target/test-classes" dev.upgradecheck.testing.pipeline.KraftNode \
  "$(python3 -c 'import base64,os; print(base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("="))')" \
  "$work/server.properties" > "$work/kafka.log" 2>&1 &
pids+=($!)
"${jvm[@]}" -cp "target/pipeline/kafka/*" org.apache.kafka.connect.cli.ConnectDistributed \
  "$work/connect.properties" > "$work/connect.log" 2>&1 &
pids+=($!)

start_pg "$work" "$port" 10
setup_db bench
echo "waiting for the Connect worker..."
for _ in $(seq 1 240); do curl -fsS -m 5 "$connect/connectors" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS -m 30 -X PUT -H 'Content-Type: application/json' "$connect/connectors/bench-pg/config" -d "{
  \"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\", \"tasks.max\": \"1\",
  \"database.hostname\": \"127.0.0.1\", \"database.port\": \"$port\", \"database.user\": \"postgres\",
  \"database.password\": \"unused\", \"database.dbname\": \"bench\", \"topic.prefix\": \"bench\",
  \"plugin.name\": \"pgoutput\", \"slot.name\": \"cdc_slot_bench\", \"publication.name\": \"cdc_pub\"}" >/dev/null
psql_admin -d bench -c "INSERT INTO orders VALUES (1, 10)" >/dev/null
echo "waiting for the connector's first committed offset..."
for _ in $(seq 1 120); do
  curl -fsS -m 5 "$connect/connectors/bench-pg/offsets" | grep -q '"lsn"' && break; sleep 1
done

url="jdbc:postgresql://127.0.0.1:$port/bench"
precheck="target/upgrade-check precheck --engine postgres --url $url --user postgres --slot cdc_slot_bench --publication cdc_pub --format json"
# what the measured runs do: the connector is read (every connect.* check answered), not refused
$precheck --connect-url "$connect" --connector bench-pg --output "$work/connect.json" || true
python3 -c 'import json,sys; print(" ".join(c["id"] + "=" + c["status"] for c in json.load(open(sys.argv[1]))["checks"]
                                 if c["id"].startswith("connect.")))' "$work/connect.json"
# where the time goes: classes loaded, and how many the CDS archive (trained without --connect-url) lacks
for opts in "" "--connect-url $connect --connector bench-pg"; do
  UPGRADE_CHECK_JAVA_OPTS="-Xlog:class+load:file=$work/classes.txt" $precheck --output /dev/null $opts || true
  echo "precheck ${opts:+--connect-url }loads $(grep -c . "$work/classes.txt") classes," \
    "$(grep -vc 'shared objects file' "$work/classes.txt") of them not from the CDS archive"
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# a precheck with WARN exits 1: -i keeps hyperfine from treating that as a failed run
hyperfine -N -i -w 2 -r "$runs" -n "precheck" "$precheck --output /dev/null" \
  -n "precheck --connect-url" "$precheck --output /dev/null --connect-url $connect --connector bench-pg"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

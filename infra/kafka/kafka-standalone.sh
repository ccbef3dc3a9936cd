#!/usr/bin/env bash
# Runs a standalone single-node Kafka broker (KRaft, combined broker + controller) for the distributed mode,
# from the Kafka jars on Maven Central: no Docker, no Kafka download. Data survives restarts.
#
#   infra/kafka/kafka-standalone.sh            # broker on localhost:9092, controller on localhost:9093
#   KAFKA_PORT=19092 KAFKA_DATA_DIR=/var/lib/keepwell-kafka infra/kafka/kafka-standalone.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
data=${KAFKA_DATA_DIR:-$root/data/kafka-standalone}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
host=${KAFKA_ADVERTISED_HOST:-localhost}
mkdir -p "$data/logs"

classpath_file="$root/infra/embedded-infra/target/kafka-standalone.classpath"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl infra/embedded-infra dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath=$(cat "$classpath_file")

properties="$data/server.properties"
cat > "$properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$controller_port
listeners=PLAINTEXT://0.0.0.0:$port,CONTROLLER://localhost:$controller_port
advertised.listeners=PLAINTEXT://$host:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data/logs
num.partitions=8
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

if [ ! -f "$data/logs/meta.properties" ]; then
  cluster_id=$(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" kafka.tools.StorageTool random-uuid)
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$properties"
fi

echo "Kafka broker starting on $host:$port (data in $data)"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" kafka.Kafka "$properties"

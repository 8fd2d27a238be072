package dev.upgradecheck.testing.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic from its beginning with a real Kafka consumer (no group, nothing committed). */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicReader() {
    }

    /**
     * The topic's record values as JSON (tombstones left out), once at least {@code atLeast} are there or
     * {@code limit} has passed: the caller asserts on what it got.
     */
    public static List<JsonNode> values(String bootstrapServers, String topic, int atLeast, Duration limit)
            throws InterruptedException {
        return values(bootstrapServers, topic, v -> v.size() >= atLeast, limit);
    }

    /**
     * The topic's record values as JSON (tombstones left out), once {@code enough} holds for them or {@code limit}
     * has passed: the caller asserts on what it got.
     */
    public static List<JsonNode> values(String bootstrapServers, String topic, Predicate<List<JsonNode>> enough,
                                        Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                // a Debezium topic exists only once the connector has sent its first record
                partitions = partitionsOf(consumer, topic);
                if (partitions.isEmpty()) {
                    Thread.sleep(250);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!enough.test(values) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() != null) {
                        values.add(JSON.readTree(record.value()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a record of " + topic + " is not JSON", e);
        }
        return values;
    }

    /** Debezium change events of the topic as {@code op:id} ({@code r:1} snapshot read, {@code c:2} insert...). */
    public static List<String> changes(String bootstrapServers, String topic, int atLeast, Duration limit)
            throws InterruptedException {
        return values(bootstrapServers, topic, atLeast, limit).stream()
                .map(v -> v.path("op").asText() + ":" + v.path("after").path("id").asText())
                .toList();
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
        return infos == null
                ? List.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}

package dev.upgradecheck.scenario;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A copy of a Debezium connector's schema history topic under another name, so that a second connector resumed from
 * the first one's offsets knows the tables' schemas as it did (a history topic must never be shared).
 */
final class SchemaHistoryCopy {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private SchemaHistoryCopy() {
    }

    /** Creates {@code to} as Debezium creates its history topic (one partition, kept forever) and copies every record. */
    static void copy(String bootstrapServers, String from, String to) {
        try {
            create(bootstrapServers, to);
            copyRecords(bootstrapServers, from, to);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void create(String bootstrapServers, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
                    .all().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void copyRecords(String bootstrapServers, String from, String to)
            throws ExecutionException, TimeoutException, InterruptedException {
        TopicPartition partition = new TopicPartition(from, 0);
        try (KafkaConsumer<String, String> in = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"),
                new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> out = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000"),
                     new StringSerializer(), new StringSerializer())) {
            in.assign(List.of(partition));
            in.seekToBeginning(List.of(partition));
            long end = in.endOffsets(List.of(partition), LIMIT).get(partition);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            while (in.position(partition, LIMIT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("cannot read " + from + " to its end within " + LIMIT);
                }
                for (ConsumerRecord<String, String> r : in.poll(Duration.ofMillis(250))) {
                    sent.add(out.send(new ProducerRecord<>(to, r.key(), r.value())));
                }
            }
            out.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }
}

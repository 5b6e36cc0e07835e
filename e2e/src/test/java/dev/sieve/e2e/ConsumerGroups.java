package dev.sieve.e2e;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the broker says about the stages' consumer groups: who is a member with which partitions, and whether a
 * group has committed everything its topics hold. Members are recognised by their static instance id
 * ({@code kafka.instance-id}; Kafka Streams appends {@code -<thread>}).
 */
final class ConsumerGroups {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String bootstrapServers;

    ConsumerGroups(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Waits until the group is stable and exactly the given instances are members, each with partitions.
     *
     * @return how long it took
     * @throws AssertionError naming the group and what it looked like last, when {@code timeout} passes first
     */
    Duration awaitMembers(String group, Collection<String> instanceIds, Duration timeout) throws Exception {
        long start = System.nanoTime();
        String last = "no group";
        while (System.nanoTime() - start < timeout.toNanos()) {
            Optional<ConsumerGroupDescription> d = describe(group);
            if (d.isPresent() && settledOn(d.get(), instanceIds)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            last = d.map(ConsumerGroups::summary).orElse("no group");
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("group " + group + " did not settle on " + instanceIds + " within " + timeout
                + "; last seen: " + last);
    }

    private static boolean settledOn(ConsumerGroupDescription d, Collection<String> instanceIds) {
        return d.groupState() == GroupState.STABLE && d.members().size() == instanceIds.size()
                && instanceIds.stream().allMatch(id -> d.members().stream().anyMatch(member(id)));
    }

    /** The member ids (given by the broker on each join) of the instance's members now, with partitions or not. */
    Set<String> memberIds(String group, String instanceId) throws Exception {
        return describe(group).map(d -> d.members().stream().filter(instance(instanceId))
                .map(MemberDescription::consumerId).collect(Collectors.toSet())).orElse(Set.of());
    }

    /**
     * Waits until the group is stable and the instance is in it again as a new member (a member id other than
     * {@code before}) with partitions: a restarted process that joined. With static membership the killed
     * process's member stays in the group under the same instance id until its session expires, so the instance
     * id alone does not tell the restarted process from the dead one.
     *
     * @return how long it took
     */
    Duration awaitRejoined(String group, String instanceId, Set<String> before, Duration timeout) throws Exception {
        long start = System.nanoTime();
        String last = "no group";
        while (System.nanoTime() - start < timeout.toNanos()) {
            Optional<ConsumerGroupDescription> d = describe(group);
            if (d.isPresent() && d.get().groupState() == GroupState.STABLE && d.get().members().stream()
                    .filter(member(instanceId)).anyMatch(m -> !before.contains(m.consumerId()))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            last = d.map(ConsumerGroups::summary).orElse("no group");
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("instance " + instanceId + " did not rejoin group " + group + " within " + timeout
                + "; last seen: " + last);
    }

    /**
     * Waits until the group has committed past every record of {@code topics} a read_committed reader sees. The
     * offsets of transaction markers are not records: a group that read everything may commit short of the end.
     */
    void awaitCaughtUp(String group, List<String> topics, Duration timeout) throws Exception {
        long start = System.nanoTime();
        Map<TopicPartition, Long> unread = Map.of();
        while (System.nanoTime() - start < timeout.toNanos()) {
            unread = unread(group, topics);
            if (unread.isEmpty()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("group " + group + " has records left after " + timeout + ": " + unread);
    }

    /** Partitions with committed records after the group's committed offset, with how many. */
    private Map<TopicPartition, Long> unread(String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> unread = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> reader.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                reader.seek(tp, c == null ? 0 : c.offset());
            }
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics + " to their end within " + CALL_TIMEOUT);
                }
                reader.poll(POLL).forEach(r -> unread.merge(new TopicPartition(r.topic(), r.partition()), 1L,
                        Long::sum));
            }
        }
        return unread;
    }

    private Optional<ConsumerGroupDescription> describe(String group) throws Exception {
        try {
            return Optional.of(get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)));
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** A member of the instance holding partitions. */
    private static Predicate<MemberDescription> member(String instanceId) {
        return instance(instanceId).and(m -> !m.assignment().topicPartitions().isEmpty());
    }

    private static Predicate<MemberDescription> instance(String instanceId) {
        return m -> m.groupInstanceId().filter(id -> id.equals(instanceId) || id.startsWith(instanceId + "-"))
                .isPresent();
    }

    private static String summary(ConsumerGroupDescription d) {
        return d.groupState() + " " + d.members().stream()
                .map(m -> m.groupInstanceId().orElse(m.consumerId()) + ":" + m.assignment().topicPartitions().size())
                .toList();
    }

    private static <T> T get(KafkaFuture<T> f) throws Exception {
        try {
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the broker did not answer within " + CALL_TIMEOUT, e);
        }
    }
}

"""Interop checks with kafka-python (pure-Python client). Prints 'ok <check>' or 'FAIL <check>: <reason>'."""
import json
import sys
import time


from interop_common import eventually, make_check

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic

BOOTSTRAP = sys.argv[1].split(",")
TOPIC = "interop.kafka-python"


check = make_check("kafka-python")


admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="interop-kp")


@check("metadata")
def _():
    topics = admin.list_topics()
    assert isinstance(topics, list)
    brokers = admin.describe_cluster()["brokers"]
    assert len(brokers) == 3, brokers


@check("create topic")
def _():
    admin.create_topics([NewTopic(TOPIC, num_partitions=2, replication_factor=2, topic_configs={"retention.ms": "3600000"})])
    eventually(lambda: TOPIC in admin.list_topics())


@check("colliding topic name")
def _():
    # '.' and '_' are the same in Kafka's metric names: "interop_kafka-python" collides.
    from kafka.errors import InvalidTopicError
    try:
        admin.create_topics([NewTopic(TOPIC.replace(".", "_"), num_partitions=1, replication_factor=1)])
    except InvalidTopicError as e:
        assert "collides" in str(e), e
    else:
        raise AssertionError("a colliding topic name was accepted")


@check("describe configs")
def _():
    res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, TOPIC)])
    entries = {e[0]: e[1] for e in res[0].resources[0][4]}
    assert entries["retention.ms"] == "3600000", entries["retention.ms"]
    assert entries["cleanup.policy"] == "delete"


@check("alter configs")
def _():
    admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, TOPIC, configs={"cleanup.policy": "compact"})])

    def applied():
        res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, TOPIC)])
        entries = {e[0]: e[1] for e in res[0].resources[0][4]}
        # AlterConfigs replaced the whole set: retention.ms is back to its default
        return entries["cleanup.policy"] == "compact" and entries["retention.ms"] == "604800000"
    # Brokers apply config changes asynchronously (Apache Kafka): poll.
    eventually(applied)


@check("create partitions")
def _():
    admin.create_partitions({TOPIC: NewPartitions(total_count=4)})
    # Brokers learn of new partitions asynchronously (Apache Kafka): poll.
    def seen():
        consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP)
        try:
            return consumer.partitions_for_topic(TOPIC) == {0, 1, 2, 3}
        finally:
            consumer.close()
    eventually(seen)


T0 = int(time.time() * 1000) - 60_000


@check("produce gzip")
def _():
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, compression_type="gzip", acks="all")
    for i in range(8):
        producer.send(TOPIC, key=f"k{i}".encode(), value=json.dumps({"i": i}).encode(), partition=0, timestamp_ms=T0 + i * 1000).get(timeout=10)
    producer.flush()
    producer.close()


@check("consumer group subscribe+commit")
def _():
    consumer = KafkaConsumer(
        TOPIC,
        bootstrap_servers=BOOTSTRAP,
        group_id="interop.kp-group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=15000,
    )
    values = []
    for msg in consumer:
        values.append(json.loads(msg.value)["i"])
        if len(values) == 8:
            break
    assert sorted(values) == list(range(8)), values
    consumer.commit()
    committed = consumer.committed(TopicPartition(TOPIC, 0))
    assert committed == 8, committed
    consumer.close()


@check("describe/list groups")
def _():
    groups = [g[0] for g in admin.list_consumer_groups()]
    assert "interop.kp-group" in groups, groups
    offsets = admin.list_consumer_group_offsets("interop.kp-group")
    assert offsets[TopicPartition(TOPIC, 0)].offset == 8


@check("offsets_for_times")
def _():
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP)
    tp = TopicPartition(TOPIC, 0)
    res = consumer.offsets_for_times({tp: T0 + 2500})
    # gzip batches are stored compressed: the broker answers with the batch start (<= exact offset 3)
    assert res[tp] is not None and res[tp].offset <= 3, res
    res = consumer.offsets_for_times({tp: T0 + 3_600_000})
    assert res[tp] is None, res
    consumer.close()


admin.close()

"""Interop checks with confluent-kafka (librdkafka). Prints 'ok <check>' or 'FAIL <check>: <reason>'."""
import json
import sys
import time


from interop_common import eventually, make_check

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

BOOTSTRAP = sys.argv[1]
TOPIC = "interop.librdkafka"


check = make_check("confluent-kafka")


admin = AdminClient({"bootstrap.servers": BOOTSTRAP})


@check("metadata")
def _():
    md = admin.list_topics(timeout=10)
    assert len(md.brokers) == 3, md.brokers
    # The embedded broker names node 1; KRaft brokers name any live broker.
    assert md.controller_id in (1, 2, 3), md.controller_id


@check("create topic (and INVALID_REPLICATION_FACTOR)")
def _():
    fs = admin.create_topics([NewTopic(TOPIC, num_partitions=3, replication_factor=3, config={"compression.type": "producer"})])
    fs[TOPIC].result(10)
    bad = admin.create_topics([NewTopic("interop.too-many-replicas", num_partitions=1, replication_factor=4)])
    try:
        bad["interop.too-many-replicas"].result(10)
        raise AssertionError("expected INVALID_REPLICATION_FACTOR")
    except KafkaException as e:
        assert e.args[0].name() == "INVALID_REPLICATION_FACTOR", e


@check("describe configs")
def _():
    fs = admin.describe_configs([ConfigResource("topic", TOPIC)])
    entries = list(fs.values())[0].result(10)
    assert entries["retention.ms"].value == "604800000"
    assert entries["compression.type"].value == "producer"
    assert entries["compression.type"].source == 1  # DYNAMIC_TOPIC_CONFIG
    assert entries["segment.bytes"].is_default


@check("alter configs")
def _():
    res = ConfigResource("topic", TOPIC, set_config={"retention.ms": "86400000", "cleanup.policy": "compact,delete"})
    list(admin.alter_configs([res]).values())[0].result(10)

    def applied():
        entries = list(admin.describe_configs([ConfigResource("topic", TOPIC)]).values())[0].result(10)
        # keys not sent (compression.type) reverted to the default
        return (entries["retention.ms"].value == "86400000"
                and entries["cleanup.policy"].value == "compact,delete"
                and entries["compression.type"].is_default)
    # Brokers apply config changes asynchronously (Apache Kafka): poll.
    eventually(applied)
    bad = ConfigResource("topic", TOPIC, set_config={"retention.ms": "abc"})
    try:
        list(admin.alter_configs([bad]).values())[0].result(10)
        raise AssertionError("expected INVALID_CONFIG")
    except KafkaException as e:
        assert e.args[0].name() == "INVALID_CONFIG", e


@check("describe broker configs")
def _():
    entries = list(admin.describe_configs([ConfigResource("broker", "2")]).values())[0].result(10)
    assert entries["broker.id"].value == "2"


@check("create partitions")
def _():
    admin.create_partitions([NewPartitions(TOPIC, 5)])[TOPIC].result(10)
    # Brokers learn of new partitions asynchronously (Apache Kafka): poll.
    eventually(lambda: len(admin.list_topics(TOPIC, timeout=10).topics[TOPIC].partitions) == 5)
    try:
        admin.create_partitions([NewPartitions(TOPIC, 2)])[TOPIC].result(10)
        raise AssertionError("expected INVALID_PARTITIONS")
    except KafkaException as e:
        assert e.args[0].name() == "INVALID_PARTITIONS", e


T0 = int(time.time() * 1000) - 120_000
PRODUCED = []


def produce(codec, count, offset_ts):
    errors = []
    p = Producer({"bootstrap.servers": BOOTSTRAP, "compression.codec": codec, "enable.idempotence": True, "linger.ms": 5})
    for i in range(count):
        ts = T0 + (offset_ts + i) * 1000
        p.produce(TOPIC, key=f"{codec}-{i}", value=json.dumps({"codec": codec, "i": i}), partition=0, timestamp=ts,
                  on_delivery=lambda err, msg: errors.append(err) if err else PRODUCED.append(msg.offset()))
    assert p.flush(15) == 0
    assert not errors, errors


@check("idempotent produce lz4")
def _():
    produce("lz4", 10, 0)


@check("idempotent produce gzip")
def _():
    produce("gzip", 10, 10)
    assert sorted(PRODUCED) == list(range(20)), PRODUCED


@check("consumer group subscribe+commit")
def _():
    c = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": "interop.rdkafka-group", "auto.offset.reset": "earliest",
                  "enable.auto.commit": False})
    c.subscribe([TOPIC])
    got = []
    deadline = time.time() + 30
    while len(got) < 20 and time.time() < deadline:
        msg = c.poll(0.5)
        if msg is None or msg.error():
            continue
        got.append(json.loads(msg.value()))
    assert len(got) == 20, len(got)
    assert {m["codec"] for m in got} == {"lz4", "gzip"}
    c.commit(asynchronous=False)
    committed = c.committed([TopicPartition(TOPIC, 0)], timeout=10)
    assert committed[0].offset == 20, committed
    c.close()


@check("list/describe groups")
def _():
    groups = admin.list_groups(timeout=10)
    g = [x for x in groups if x.id == "interop.rdkafka-group"]
    assert g, [x.id for x in groups]
    assert g[0].state in ("Empty", "Dead"), g[0].state


@check("offsets_for_times")
def _():
    c = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": "interop.times"})
    res = c.offsets_for_times([TopicPartition(TOPIC, 0, T0 + 12_500)], timeout=10)
    # lz4 batch holds offsets 0-9 and gzip offsets 10-19 (compressed batches: the batch start)
    assert 10 <= res[0].offset <= 13, res
    res = c.offsets_for_times([TopicPartition(TOPIC, 0, T0 + 3_600_000)], timeout=10)
    assert res[0].offset == -1, res
    c.close()


@check("delete topic")
def _():
    admin.delete_topics([TOPIC])[TOPIC].result(10)
    eventually(lambda: TOPIC not in admin.list_topics(timeout=10).topics)

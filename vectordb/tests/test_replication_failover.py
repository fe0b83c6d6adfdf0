"""Leader–follower replication with real node processes (`manage.py vectordb_node`), Postgres and
Redis: kill -9 the leader mid-write (no acknowledged write lost, a follower takes over, reads go
on); a follower that was down catches up (from its applied version, or from a snapshot when the
log was pruned past it); a restarted node loads and catches up."""

import signal
import threading
import time
import uuid

import numpy as np
import pytest

from vectordb import services
from vectordb.models import Chunk, Library
from vectordb.replication.client import WriteTimeout, redis_client, submit_write
from vectordb.replication.models import ReplicatedWrite
from vectordb.tests.factories import DocumentFactory, LibraryFactory
from vectordb.tests.replication_nodes import Cluster

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DIM = 8


@pytest.fixture
def cluster(redis_client):
    nodes = Cluster(f"t{uuid.uuid4().hex[:8]}")
    yield nodes
    nodes.stop_all()


def _write(cluster_name, library_id, document_id, rng, request_id, *, retries=4):
    """Write 3 chunks through the leader, retrying a timeout with the same request id; the ack."""
    chunks = [
        {"document_id": document_id, "text": f"{request_id}-{i}", "embedding": rng.standard_normal(DIM).tolist()}
        for i in range(3)
    ]
    payload = {"library_id": library_id, "chunks": chunks}
    for _attempt in range(retries):
        try:
            return submit_write("chunks_upsert", payload, cluster=cluster_name, timeout=5, request_id=request_id)
        except WriteTimeout:
            continue
    return None


def _all_ids(cluster, node_id, library_id, key, min_version):
    status, body = cluster.query(
        node_id, library_id, key, {"embedding": [1.0] * DIM, "k": 1000, "index": "flat", "min_version": min_version}
    )
    assert status == 200, body
    assert body["version"] >= min_version
    return {h["chunk_id"] for h in body["hits"]}


@pytest.mark.django_db(transaction=True)
def test_killing_the_leader_mid_write_loses_no_acknowledged_write_and_reads_go_on(cluster, api_key_for):
    library = LibraryFactory(dimension=DIM)
    document = DocumentFactory(library=library)
    key = api_key_for(library.project)
    cluster.start("n1")
    cluster.wait_for(lambda: cluster.leader(["n1"]), what="n1 to lead")
    cluster.start("n2")
    cluster.start("n3")
    followers = ["n2", "n3"]
    for node in followers:  # first read loads the library on each follower
        assert cluster.query(node, str(library.uuid), key, {"embedding": [1.0] * DIM, "k": 1})[0] == 200

    acked: list = []
    unacked: list[str] = []
    in_flight: list = []
    stop = threading.Event()
    killed = threading.Event()
    reads = {n: {"ok": 0, "ok_after_kill": 0, "errors": []} for n in followers}

    def writer():
        rng = np.random.default_rng(1)
        i = 0
        while not stop.is_set():
            sent_before_kill = not killed.is_set()
            ack = _write(cluster.name, str(library.uuid), str(document.uuid), rng, f"w{i}")
            (acked.append(ack) if ack else unacked.append(f"w{i}"))
            if ack and sent_before_kill and killed.is_set():
                in_flight.append(ack)  # submitted before the kill, acknowledged after it
            i += 1

    def reader(node):
        rng = np.random.default_rng(hash(node) % 1000)
        while not stop.is_set():
            try:
                status, body = cluster.query(
                    node, str(library.uuid), key, {"embedding": rng.standard_normal(DIM).tolist(), "k": 5}
                )
                if status == 200:
                    reads[node]["ok"] += 1
                    reads[node]["ok_after_kill"] += killed.is_set()
                else:
                    reads[node]["errors"].append((status, body))
            except OSError as exc:
                reads[node]["errors"].append(repr(exc))
            time.sleep(0.01)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(n,)) for n in followers]
    for t in threads:
        t.start()
    try:
        cluster.wait_for(lambda: len(acked) >= 15, timeout=30, what="15 writes before the kill")
        old_epoch = cluster.health("n1")["epoch"]
        cluster.signal("n1", signal.SIGKILL)  # the leader dies mid-stream, writes in flight
        killed.set()
        before = len(acked)
        new_leader = cluster.wait_for(lambda: cluster.leader(followers), timeout=15, what="a new leader")
        cluster.wait_for(lambda: len(acked) >= before + 15, timeout=40, what="15 writes after the failover")
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)

    assert cluster.health(new_leader)["epoch"] > old_epoch
    assert not unacked, unacked
    assert in_flight  # the leader was killed mid-write, and that write was acknowledged all the same
    assert {a.leader for a in acked} == {"n1", new_leader}
    for node in followers:  # reads went on on the followers throughout, the failover included
        assert reads[node]["errors"] == [], reads[node]["errors"][:3]
        assert reads[node]["ok_after_kill"] > 0
    acked_ids = {i for a in acked for i in a.result["ids"]}
    assert len(acked_ids) == 3 * len(acked)
    stored = {str(u) for u in Chunk.objects.filter(library=library).values_list("uuid", flat=True)}
    assert acked_ids <= stored  # every acknowledged write is committed
    # ...exactly once: a write retried across the failover was not applied twice
    assert len(stored) == 3 * ReplicatedWrite.objects.filter(cluster=cluster.name, ok=True).count()
    assert Library.objects.get(pk=library.pk).version == ReplicatedWrite.objects.filter(cluster=cluster.name).count()
    last = max(a.version for a in acked)
    for node in followers:  # and answered by every surviving node
        assert acked_ids <= _all_ids(cluster, node, str(library.uuid), key, last)


@pytest.mark.django_db(transaction=True)
def test_a_follower_that_was_down_catches_up_from_the_log_or_from_a_snapshot(cluster, api_key_for):
    library = LibraryFactory(dimension=DIM)
    document = DocumentFactory(library=library)
    key = api_key_for(library.project)
    rng = np.random.default_rng(2)
    cluster.start("n1")
    cluster.wait_for(lambda: cluster.leader(["n1"]), what="n1 to lead")
    cluster.start("n2")
    acks = [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"a{i}") for i in range(3)]
    _all_ids(cluster, "n2", str(library.uuid), key, acks[-1].version)  # n2 has the library loaded

    # 1. n2 paused (down) while writes go on; resumed, it replays the log from its applied version
    cluster.signal("n2", signal.SIGSTOP)
    acks += [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"b{i}") for i in range(3)]
    cluster.signal("n2", signal.SIGCONT)
    last = acks[-1].version
    cluster.wait_for(lambda: cluster.health("n2")["libraries"].get(str(library.uuid), 0) >= last, what="n2 to catch up")
    assert cluster.health("n2")["reloads"] == 0  # no reload: replayed from where it was
    assert {i for a in acks for i in a.result["ids"]} <= _all_ids(cluster, "n2", str(library.uuid), key, 0)

    # 2. paused again, and the log is pruned past it (two snapshots): it reloads from the snapshot
    cluster.signal("n2", signal.SIGSTOP)
    acks += [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"c{i}") for i in range(3)]
    services.index_snapshot_save(library_id=library.pk)
    acks += [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"d{i}") for i in range(3)]
    services.index_snapshot_save(library_id=library.pk)
    floor = Library.objects.get(pk=library.pk).log_floor
    assert floor > last  # the changes n2 has not applied are gone from the log
    acks += [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"e{i}") for i in range(2)]
    cluster.signal("n2", signal.SIGCONT)
    last = acks[-1].version
    cluster.wait_for(lambda: cluster.health("n2")["libraries"].get(str(library.uuid), 0) >= last, what="n2 to reload")
    assert cluster.health("n2")["reloads"] == 1
    assert {i for a in acks for i in a.result["ids"]} <= _all_ids(cluster, "n2", str(library.uuid), key, 0)

    # 3. killed and restarted: a fresh process loads the snapshot and replays the rest
    cluster.signal("n2", signal.SIGKILL)
    acks += [_write(cluster.name, str(library.uuid), str(document.uuid), rng, f"f{i}") for i in range(2)]
    cluster.start("n2")
    assert {i for a in acks for i in a.result["ids"]} <= _all_ids(
        cluster, "n2", str(library.uuid), key, acks[-1].version
    )
    assert None not in acks


@pytest.mark.django_db(transaction=True)
def test_a_paused_leader_is_replaced_and_steps_down_when_it_wakes(cluster, api_key_for):
    library = LibraryFactory(dimension=DIM)
    document = DocumentFactory(library=library)
    rng = np.random.default_rng(3)
    cluster.start("n1")
    cluster.wait_for(lambda: cluster.leader(["n1"]), what="n1 to lead")
    cluster.start("n2")
    first = _write(cluster.name, str(library.uuid), str(document.uuid), rng, "p0")
    cluster.signal("n1", signal.SIGSTOP)  # a GC pause / a partition: it cannot renew
    cluster.wait_for(lambda: cluster.leader(["n2"]), timeout=15, what="n2 to take over")
    second = _write(cluster.name, str(library.uuid), str(document.uuid), rng, "p1")
    cluster.signal("n1", signal.SIGCONT)
    cluster.wait_for(lambda: cluster.health("n1")["role"] == "follower", timeout=10, what="n1 to step down")
    third = _write(cluster.name, str(library.uuid), str(document.uuid), rng, "p2")
    assert (first.leader, second.leader, third.leader) == ("n1", "n2", "n2")
    assert first.epoch < second.epoch == third.epoch
    assert redis_client().get(f"vectordb:repl:{cluster.name}:lease").decode() == f"n2|{second.epoch}"

"""The leader's stream loop against real Redis and the database: a stale leader's write is fenced
and stays pending; the next leader claims the dead leader's pending entries and applies each
exactly once, answering the ones that had already committed with their stored result."""

import json

import pytest

from vectordb.models import Chunk
from vectordb.replication.applier import fence_take_over, write_apply
from vectordb.replication.keys import GROUP, Keys
from vectordb.replication.leader import Leader, ensure_group
from vectordb.tests.factories import DocumentFactory, LibraryFactory

pytestmark = pytest.mark.django_db


class BelievedLease:
    """What a paused or partitioned leader believes: that its lease of `epoch` is still valid."""

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch
        self.holder = object()

    def held(self) -> bool:
        return self.holder is not None


def _request(redis_client, keys, library, document, request_id):
    chunks = [{"document_id": str(document.uuid), "text": request_id, "embedding": [1.0, 2.0, 3.0, 4.0]}]
    fields = {
        "request_id": request_id,
        "op": "chunks_upsert",
        "payload": json.dumps({"library_id": str(library.uuid), "chunks": chunks}),
    }
    redis_client.xadd(keys.writes, fields)
    return fields


def _reply(redis_client, keys, request_id):
    raw = redis_client.lpop(keys.reply(request_id))
    return json.loads(raw) if raw else None


def test_a_stale_leaders_write_is_fenced_and_the_new_leader_applies_it(redis_client):
    keys = Keys("fence-test")
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    old = Leader(redis_client, keys, BelievedLease(1), "old")
    old.step()  # leader of epoch 1, nothing to do yet
    _request(redis_client, keys, library, document, "r1")
    fence_take_over(cluster=keys.cluster, epoch=2, leader="new")  # its successor took over meanwhile
    old.step()  # reads r1, tries to apply it: refused
    assert old.fenced == 1 and old.lease.holder is None
    assert Chunk.objects.filter(library=library).count() == 0
    assert redis_client.xpending(keys.writes, GROUP)["pending"] == 1  # not acknowledged
    assert _reply(redis_client, keys, "r1") is None

    new = Leader(redis_client, keys, BelievedLease(2), "new")
    new.step()  # claims the pending entry (XAUTOCLAIM) and applies it
    reply = _reply(redis_client, keys, "r1")
    assert reply["ok"] and reply["epoch"] == 2 and reply["leader"] == "new"
    stored = Chunk.objects.filter(library=library).order_by("pk").values_list("uuid", flat=True)
    assert [str(u) for u in stored] == reply["result"]["ids"]
    assert redis_client.xpending(keys.writes, GROUP)["pending"] == 0


def test_a_write_committed_by_a_leader_that_died_before_acknowledging_is_answered_not_reapplied(redis_client):
    keys = Keys("crash-test")
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    ensure_group(redis_client, keys)
    fields = _request(redis_client, keys, library, document, "r1")
    # the old leader read it and committed it, then died before replying and XACK
    assert redis_client.xreadgroup(GROUP, "old", {keys.writes: ">"}, count=10)
    applied = write_apply(
        cluster=keys.cluster,
        epoch=1,
        leader="old",
        request_id="r1",
        op="chunks_upsert",
        payload=json.loads(fields["payload"]),
    )
    new = Leader(redis_client, keys, BelievedLease(2), "new")
    new.step()
    reply = _reply(redis_client, keys, "r1")
    assert reply["ok"] and reply["result"] == applied.result and reply["epoch"] == 1
    assert new.duplicates == 1 and new.applied == 0
    assert Chunk.objects.filter(library=library).count() == 1
    assert redis_client.xpending(keys.writes, GROUP)["pending"] == 0


def test_an_entry_without_a_request_id_is_dropped_and_a_rejected_write_is_answered(redis_client):
    keys = Keys("bad-test")
    library = LibraryFactory(dimension=4)
    leader = Leader(redis_client, keys, BelievedLease(1), "n1")
    leader.step()
    redis_client.xadd(keys.writes, {"op": "chunks_upsert", "payload": "{}"})
    redis_client.xadd(keys.writes, {"request_id": "r2", "op": "chunks_upsert", "payload": "not json"})
    redis_client.xadd(
        keys.writes,
        {
            "request_id": "r3",
            "op": "chunks_upsert",
            "payload": json.dumps({"library_id": str(library.uuid), "chunks": "x"}),
        },
    )
    leader.step()
    assert _reply(redis_client, keys, "r2")["result"]["status"] == 400
    assert _reply(redis_client, keys, "r3")["result"]["status"] == 422
    assert redis_client.xpending(keys.writes, GROUP)["pending"] == 0

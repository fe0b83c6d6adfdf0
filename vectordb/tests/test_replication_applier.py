"""Applying replicated writes: fenced by the leader epoch recorded in the database, idempotent by
request id, failures recorded so that a retry gets the same answer."""

import pytest

from vectordb.models import Chunk, ChunkChange, Library
from vectordb.replication.applier import Fenced, fence_recorded_epoch, fence_take_over, write_apply
from vectordb.replication.models import ReplicatedWrite
from vectordb.tests.factories import DocumentFactory, LibraryFactory

pytestmark = pytest.mark.django_db


def _chunks(document, n=3, dim=4):
    return [
        {"document_id": str(document.uuid), "text": f"c{i}", "embedding": [1.0 + i, 0.5, 0.0, 2.0][:dim]}
        for i in range(n)
    ]


def _apply(epoch, request_id, library, document, leader="n1", op="chunks_upsert", payload=None):
    payload = payload if payload is not None else {"library_id": str(library.uuid), "chunks": _chunks(document)}
    return write_apply(cluster="c", epoch=epoch, leader=leader, request_id=request_id, op=op, payload=payload)


def test_a_write_is_applied_through_the_services_and_recorded_with_its_version():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    out = _apply(1, "r1", library, document)
    assert out.ok and not out.duplicate
    stored = Chunk.objects.filter(library=library).values_list("uuid", flat=True)
    assert sorted(out.result["ids"]) == sorted(str(u) for u in stored)  # public ids, as the API answers
    assert out.version == Library.objects.get(pk=library.pk).version == 1
    assert ChunkChange.objects.filter(library=library, seq=1).count() == 3
    row = ReplicatedWrite.objects.get(request_id="r1")
    assert (row.epoch, row.leader, row.ok) == (1, "n1", True)
    assert fence_recorded_epoch(cluster="c") == 1


def test_the_same_request_id_is_applied_once():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    first = _apply(1, "r1", library, document)
    again = _apply(2, "r1", library, document, leader="n2")  # a new leader re-reading a pending entry
    assert again.duplicate and again.result == first.result and again.version == first.version
    assert Chunk.objects.filter(library=library).count() == 3
    assert Library.objects.get(pk=library.pk).version == 1


def test_a_stale_leaders_write_is_refused_after_a_newer_epoch_wrote():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    _apply(1, "r1", library, document)
    _apply(2, "r2", library, document, leader="n2")
    with pytest.raises(Fenced):
        _apply(1, "r3", library, document)
    assert not ReplicatedWrite.objects.filter(request_id="r3").exists()
    assert Chunk.objects.filter(library=library).count() == 6


def test_a_take_over_fences_the_old_leader_before_the_new_one_writes():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    _apply(3, "r1", library, document)
    fence_take_over(cluster="c", epoch=4, leader="n2")
    with pytest.raises(Fenced):
        _apply(3, "r2", library, document)
    assert Chunk.objects.filter(library=library).count() == 3
    with pytest.raises(Fenced):
        fence_take_over(cluster="c", epoch=2, leader="n3")


def test_a_rejected_write_is_recorded_and_a_retry_gets_the_same_answer():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    bad = {"library_id": str(library.uuid), "chunks": [{"document_id": str(document.uuid), "embedding": [1.0]}]}
    out = _apply(1, "bad", library, document, payload=bad)
    assert not out.ok and out.result["status"] == 422
    assert "chunks[0].embedding" in out.result["errors"]
    again = _apply(1, "bad", library, document)  # same id, now with a valid body: still the first answer
    assert again.duplicate and not again.ok
    assert Chunk.objects.filter(library=library).count() == 0


@pytest.mark.parametrize(
    ("op", "payload", "status"),
    [
        ("drop_table", {"library_id": 1}, 400),
        ("chunks_upsert", [], 400),
        ("chunks_upsert", {"library_id": "x"}, 400),
        ("chunks_upsert", {"library_id": 10**9}, 400),
        ("chunks_upsert", {"library_id": 1}, 400),  # the internal integer key is no id
        ("chunks_upsert", {"library_id": "0b1e6f3c-1d3a-4a43-9d43-59d1f2a1c0de"}, 400),  # no such library
        ("chunks_delete", {"library_id": None, "ids": [1, 2]}, 400),
        ("chunks_delete", {"library_id": None, "ids": "all"}, 400),
        ("document_delete", {"library_id": None, "document_id": 1}, 400),
    ],
)
def test_it_rejects_malformed_requests_without_writing(op, payload, status):
    library = LibraryFactory(dimension=4)
    if isinstance(payload, dict) and payload.get("library_id") is None:
        payload = {**payload, "library_id": str(library.uuid)}
    out = write_apply(cluster="c", epoch=1, leader="n1", request_id=f"m-{op}", op=op, payload=payload)
    assert not out.ok and out.result["status"] == status
    assert Library.objects.get(pk=library.pk).version == 0


def test_documents_and_deletes_go_through_the_leader_too():
    library = LibraryFactory(dimension=4)
    doc_id = _apply(
        1, "d", library, None, op="document_create", payload={"library_id": str(library.uuid), "title": "t"}
    )
    doc_id = doc_id.result["document_id"]
    ids = _apply(
        1,
        "u",
        library,
        None,
        payload={"library_id": str(library.uuid), "chunks": _chunks(type("D", (), {"uuid": doc_id}))},
    )
    ids = ids.result["ids"]
    out = _apply(1, "x", library, None, op="chunks_delete", payload={"library_id": str(library.uuid), "ids": ids[:1]})
    assert out.result == {"deleted": 1}
    out = _apply(
        1, "y", library, None, op="document_delete", payload={"library_id": str(library.uuid), "document_id": doc_id}
    )
    assert out.ok and Chunk.objects.filter(library=library).count() == 0
    assert out.version == 3


def test_a_write_the_database_refuses_is_answered_not_left_to_block_the_stream():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    payload = {
        "library_id": str(library.uuid),
        "chunks": [{"document_id": str(document.uuid), "text": "a\x00b", "embedding": [1, 2, 3, 4]}],
    }
    out = _apply(1, "nul", library, document, payload=payload)
    assert out.ok or out.result["status"] == 422  # SQLite stores NUL; Postgres refuses it
    assert _apply(1, "after", library, document).ok


def test_the_admin_shows_the_fence_and_the_applied_writes_read_only(staff_client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    library = LibraryFactory(dimension=4)
    _apply(1, "r1", library, DocumentFactory(library=library))
    for model in ("replicationfence", "replicatedwrite"):
        assert staff_client.get(f"/admin/vectordb/{model}/").status_code == 200
    assert staff_client.get("/admin/vectordb/replicatedwrite/add/").status_code == 403

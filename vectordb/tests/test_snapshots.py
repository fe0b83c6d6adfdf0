"""Binary snapshots (vectordb/snapshots/): a fresh process loads one instead of rebuilding, brings
it up to date from the change log, ignores a torn or stale one, and writers are never blocked
while one is written. Through the REST API and the services, on Postgres and SQLite."""

from __future__ import annotations

import os
import threading
import time
import uuid

import numpy as np
import pytest

from vectordb import runtime, services
from vectordb.models import Chunk, IndexSnapshot, Library
from vectordb.runtime import registry
from vectordb.snapshots import format as snapshot_format
from vectordb.snapshots import store
from vectordb.tests.factories import random_vectors

DIM = 16


def _pk(lib_id: str) -> int:
    """The library's internal key (services and the runtime take it; the API shows the UUID)."""
    return Library.objects.values_list("pk", flat=True).get(uuid=lib_id)


def _chunk_pks(uuids: list[str]) -> list[int]:
    by_uuid = dict(Chunk.objects.filter(uuid__in=uuids).values_list("uuid", "pk"))
    return [by_uuid[uuid.UUID(u)] for u in uuids]


def _library(client, index_type: str) -> tuple[str, str]:
    body = {"name": f"snap-{index_type}", "dimension": DIM, "index_type": index_type}
    lib = client.post("/api/vectordb/libraries", body)
    assert lib.status_code == 201, lib.content
    doc = client.post(f"/api/vectordb/libraries/{lib.json()['id']}/documents", {"title": "d"})
    return lib.json()["id"], doc.json()["id"]


def _upsert(client, lib_id: str, doc_id: str, vectors: np.ndarray, start: int = 0, ids=None) -> list[str]:
    chunks = [
        {"document_id": doc_id, "text": f"c{start + i}", "embedding": v.tolist(), "metadata": {"n": (start + i) % 7}}
        for i, v in enumerate(vectors)
    ]
    if ids is not None:
        for c, cid in zip(chunks, ids, strict=True):
            c["id"] = cid
    response = client.post(f"/api/vectordb/libraries/{lib_id}/chunks", {"chunks": chunks}, format="json")
    assert response.status_code == 200, response.content[:300]
    return [c["id"] for c in response.json()["chunks"]] if "chunks" in response.json() else []


def _answers(client, lib_id: str, queries: np.ndarray, **extra) -> list[list[tuple[str, float]]]:
    out = []
    for q in queries:
        body = {"embedding": q.tolist(), "k": 10, **extra}
        response = client.post(f"/api/vectordb/libraries/{lib_id}/query", body, format="json")
        assert response.status_code == 200, response.content[:300]
        out.append([(h["chunk_id"], round(h["score"], 5)) for h in response.json()["hits"]])
    return out


def _ids(client, lib_id: str) -> list[str]:
    response = client.get(f"/api/vectordb/libraries/{lib_id}/chunks?limit=1000")
    return [c["id"] for c in response.json()["results"]]


def _fresh_build_answers(lib_id: str, queries: np.ndarray) -> list[list[str]]:
    """What an index built from scratch from the chunks answers (the reference), as public chunk ids."""
    live = runtime.build_from_database(runtime.library_state(_pk(lib_id)))
    answers = [live.index.search(q, 10).ids.tolist() for q in queries]
    uuid_of = dict(Chunk.objects.filter(pk__in={i for a in answers for i in a}).values_list("pk", "uuid"))
    return [[str(uuid_of[i]) for i in a] for a in answers]


@pytest.fixture(params=["file", "database"])
def storage(request, settings, _snapshot_dir):
    """Snapshots in the snapshot directory, or (setting empty) in the database column."""
    settings.VECTORDB_SNAPSHOT_DIR = _snapshot_dir if request.param == "file" else ""
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize("index_type", ["flat", "ivf", "hnsw"])
def test_a_fresh_process_loads_the_binary_snapshot_and_answers_the_same(key_client, storage, index_type, monkeypatch):
    lib_id, doc_id = _library(key_client, index_type)
    _upsert(key_client, lib_id, doc_id, random_vectors(600, DIM, seed=1))
    queries = random_vectors(20, DIM, seed=2)
    before = _answers(key_client, lib_id, queries)
    filtered_before = _answers(key_client, lib_id, queries[:5], filter={"n": 3})
    snap = services.index_snapshot_save(library_id=_pk(lib_id))
    assert snap is not None and snap.token and snap.checksum
    if storage == "file":
        path = store.snapshot_root() / snap.file_name
        assert path.read_bytes()[:8] == snapshot_format.MAGIC and not snap.data
        assert os.path.getsize(path) == snap.size_bytes
    else:
        assert not snap.file_name and bytes(snap.data)[:8] == snapshot_format.MAGIC

    registry.clear()  # a new process
    monkeypatch.setattr(runtime, "build_from_database", lambda *a, **k: pytest.fail("rebuilt instead of loading"))
    assert _answers(key_client, lib_id, queries) == before
    assert _answers(key_client, lib_id, queries[:5], filter={"n": 3}) == filtered_before
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "snapshot"


def _corrupt_vectors(snap: IndexSnapshot, storage: str) -> None:
    """Rewrite the stored vectors with other valid floats, same size: only the CRC can tell."""
    raw = bytearray((store.snapshot_root() / snap.file_name).read_bytes() if storage == "file" else bytes(snap.data))
    header = snapshot_format._read_header(raw, len(raw))
    entry = header["arrays"]["vectors"]
    start = header["_payload_start"] + entry["offset"]
    vectors = np.frombuffer(bytes(raw[start : start + entry["nbytes"]]), dtype="<f4").reshape(entry["shape"])
    raw[start : start + entry["nbytes"]] = np.ascontiguousarray(vectors[::-1]).tobytes()
    if storage == "file":
        (store.snapshot_root() / snap.file_name).write_bytes(bytes(raw))
    else:
        IndexSnapshot.objects.filter(pk=snap.pk).update(data=bytes(raw))


def _truncate(snap: IndexSnapshot, storage: str) -> None:
    if storage == "file":
        path = store.snapshot_root() / snap.file_name
        path.write_bytes(path.read_bytes()[: snap.size_bytes // 2])
    else:
        IndexSnapshot.objects.filter(pk=snap.pk).update(data=bytes(snap.data)[: snap.size_bytes // 2])


@pytest.mark.django_db
@pytest.mark.parametrize("damage", [_corrupt_vectors, _truncate], ids=["corrupt", "truncated"])
def test_a_torn_snapshot_is_ignored_and_the_index_rebuilt(key_client, storage, damage):
    lib_id, doc_id = _library(key_client, "hnsw")
    vectors = random_vectors(400, DIM, seed=3)
    _upsert(key_client, lib_id, doc_id, vectors)
    snap = services.index_snapshot_save(library_id=_pk(lib_id))
    damage(snap, storage)
    queries = random_vectors(15, DIM, seed=4)
    expected = _fresh_build_answers(lib_id, queries)

    registry.clear()  # a new process
    got = _answers(key_client, lib_id, queries)
    assert [[cid for cid, _ in hits] for hits in got] == expected
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "rebuilt"
    # the torn snapshot left the catalog, so the next save writes a good one at once
    assert not IndexSnapshot.objects.filter(pk=snap.pk).exists()
    assert services.index_snapshot_save(library_id=_pk(lib_id)) is not None


@pytest.mark.django_db
def test_a_stale_snapshot_is_caught_up_from_the_change_log_to_what_a_fresh_build_answers(key_client, storage):
    lib_id, doc_id = _library(key_client, "hnsw")
    _upsert(key_client, lib_id, doc_id, random_vectors(500, DIM, seed=5))
    snap = services.index_snapshot_save(library_id=_pk(lib_id))
    # writes after the snapshot: inserts, updates of existing chunks, deletes
    _upsert(key_client, lib_id, doc_id, random_vectors(80, DIM, seed=6), start=500)
    ids = sorted(_ids(key_client, lib_id))
    _upsert(key_client, lib_id, doc_id, random_vectors(30, DIM, seed=7), ids=ids[:30])
    gone = ids[30:70]
    gone_pks = _chunk_pks(gone)  # internal keys, read before the rows are deleted
    response = key_client.post(f"/api/vectordb/libraries/{lib_id}/chunks/delete", {"ids": gone}, format="json")
    assert response.status_code == 200
    library = Library.objects.get(uuid=lib_id)
    assert library.version > snap.seq
    queries = np.vstack([random_vectors(10, DIM, seed=8), random_vectors(30, DIM, seed=7)[:10]])
    expected = _fresh_build_answers(lib_id, queries)

    registry.clear()  # a new process
    got = [[cid for cid, _ in hits] for hits in _answers(key_client, lib_id, queries, index="flat")]
    assert got == expected
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "snapshot" and live.applied_seq == library.version
    assert not set(gone_pks) & set(live.index.slot_of)
    assert len(live.index) == 500 + 80 - len(gone)


@pytest.mark.django_db
def test_a_snapshot_older_than_the_log_floor_or_of_another_generation_is_not_used(key_client, storage):
    lib_id, doc_id = _library(key_client, "flat")
    _upsert(key_client, lib_id, doc_id, random_vectors(50, DIM, seed=9))
    snap = services.index_snapshot_save(library_id=_pk(lib_id))
    _upsert(key_client, lib_id, doc_id, random_vectors(5, DIM, seed=10), start=50)
    # the log up to after the snapshot is gone: the snapshot cannot be brought up to date
    Library.objects.filter(uuid=lib_id).update(log_floor=snap.seq + 1)
    registry.clear()
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "rebuilt" and len(live.index) == 55
    # a rebuild moved the library to a new generation: the old generation's snapshot is stale
    Library.objects.filter(uuid=lib_id).update(log_floor=0, index_generation=1)
    registry.clear()
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "rebuilt" and len(live.index) == 55


@pytest.mark.django_db(transaction=True)
def test_writers_and_readers_are_not_blocked_while_a_snapshot_is_written(key_client, storage, monkeypatch):
    lib_id, doc_id = _library(key_client, "hnsw")
    _upsert(key_client, lib_id, doc_id, random_vectors(300, DIM, seed=11))
    seq_before = Library.objects.get(uuid=lib_id).version
    writing = threading.Event()
    release = threading.Event()
    real_fsync = os.fsync
    real_to_bytes = store.to_bytes

    def held(*args):
        writing.set()  # the snapshot is being written: hold it there until the writes below are done
        assert release.wait(30)

    # pause the snapshot writer mid-write (file: in its fsync; database storage: while encoding)
    monkeypatch.setattr(snapshot_format.os, "fsync", lambda fd: (held(), real_fsync(fd)))
    monkeypatch.setattr(store, "to_bytes", lambda *a: (held(), real_to_bytes(*a))[1])
    saved: list = []

    def save() -> None:
        from django.db import connection

        try:
            saved.append(services.index_snapshot_save(library_id=_pk(lib_id)))
        finally:
            connection.close()

    thread = threading.Thread(target=save)
    thread.start()
    try:
        assert writing.wait(30)
        new = random_vectors(5, DIM, seed=12)
        started = time.monotonic()
        _upsert(key_client, lib_id, doc_id, new, start=300)  # a write while the snapshot is written
        hits = _answers(key_client, lib_id, new[:1])[0]
        elapsed = time.monotonic() - started
        assert thread.is_alive()  # still held: the write did not wait for it
        assert elapsed < 20
        assert hits[0][1] == pytest.approx(1.0, abs=1e-4)  # the new chunk is in the answer
    finally:
        release.set()
        thread.join(30)
    snap = saved[0]
    assert snap is not None and snap.seq == seq_before
    registry.clear()  # a new process: the snapshot, then the concurrent write from the change log
    hits = _answers(key_client, lib_id, new[:1])[0]
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    live, _ = registry.get(_pk(lib_id))
    assert live.source == "snapshot" and len(live.index) == 305

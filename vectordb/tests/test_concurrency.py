"""No torn reads, lost writes or crashes with concurrent writers, deleters and readers: threads in
one process, separate processes (each with its own in-memory index), and a writer killed -9."""

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.db import connection, connections

from vectordb import services
from vectordb.models import Chunk, Library
from vectordb.runtime import registry
from vectordb.selectors import library_query
from vectordb.tests.factories import DocumentFactory, LibraryFactory

ROOT = Path(__file__).resolve().parents[2]


def _vectors(n, dim, seed):
    return np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)


@pytest.mark.postgres  # SQLite's in-memory test database locks whole tables (shared cache): no waiting
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("index_type", ["flat", "hnsw", "ivf"])
def test_threads_inserting_deleting_and_querying_never_see_a_torn_or_stale_state(index_type):
    params = {"train_min": 64, "nlist": 8, "nprobe": 8} if index_type == "ivf" else {}
    library = LibraryFactory(dimension=8, index_type=index_type, index_params=params)
    document = DocumentFactory(library=library)
    acked: set[str] = set()  # public chunk ids, as the query answers them
    deleted: set[str] = set()
    deleting: set[str] = set()
    lock = threading.Lock()
    errors: list[str] = []
    stop = threading.Event()

    def writer(seed: int) -> None:
        try:
            for b in range(12):
                chunks = [
                    {"document_id": str(document.uuid), "text": "t", "embedding": v.tolist(), "metadata": {"w": seed}}
                    for v in _vectors(8, 8, seed * 100 + b)
                ]
                ids = [str(c.uuid) for c in services.chunks_upsert(library=library, chunks=chunks)]
                with lock:
                    acked.update(ids)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(f"writer: {exc!r}")
        finally:
            connections.close_all()

    def deleter() -> None:
        try:
            for _ in range(30):
                with lock:
                    victims = sorted(acked - deleted)[:3]
                if victims:
                    with lock:
                        deleting.update(victims)  # from here on a reader may no longer see them
                    services.chunks_delete(library=library, chunk_ids=victims)
                    with lock:
                        deleted.update(victims)
                time.sleep(0.005)
        except Exception as exc:  # pragma: no cover
            errors.append(f"deleter: {exc!r}")
        finally:
            connections.close_all()

    checks = [0]

    def reader(index: str | None) -> None:
        try:
            while not stop.is_set():
                with lock:
                    inserted_before, deleted_before = set(acked), set(deleted)
                hits = library_query(library=library, embedding=[1.0] * 8, k=1000, index=index)
                got = [h.chunk_id for h in hits]
                if len(got) != len(set(got)):
                    errors.append("a chunk was returned twice")
                if index == "flat":
                    with lock:  # a delete that ran during the query may or may not show: allow it
                        deleting_after = set(deleting)
                    missing = (inserted_before - deleting_after) - set(got)
                    if missing:
                        errors.append(f"acknowledged inserts missing: {sorted(missing)[:5]}")
                if set(got) & deleted_before:
                    errors.append(f"deleted chunks returned: {sorted(set(got) & deleted_before)[:5]}")
                if any(a.score < b.score - 1e-6 for a, b in itertools.pairwise(hits)):
                    errors.append("hits out of order")
                checks[0] += 1
        except Exception as exc:  # pragma: no cover
            errors.append(f"reader: {exc!r}")
        finally:
            connections.close_all()

    readers = [threading.Thread(target=reader, args=(i,)) for i in ("flat", None)]
    workers = [threading.Thread(target=writer, args=(s,)) for s in (1, 2)] + [threading.Thread(target=deleter)]
    for t in readers + workers:
        t.start()
    for t in workers:
        t.join(timeout=120)
    stop.set()
    for t in readers:
        t.join(timeout=60)
    assert not errors, errors[:5]
    assert checks[0] >= 2
    final = {h.chunk_id for h in library_query(library=library, embedding=[1.0] * 8, k=1000, index="flat")}
    stored = {str(u) for u in Chunk.objects.filter(library=library).values_list("uuid", flat=True)}
    assert final == acked - deleted == stored


def _worker(*args: object) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "vectordb.tests.workers", *map(str, args)], cwd=ROOT, env=env)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_separate_processes_answer_with_every_write_acknowledged_before_the_query(tmp_path):
    library = LibraryFactory(dimension=8, index_type="hnsw")
    document = DocumentFactory(library=library)
    acked = [tmp_path / "w1.log", tmp_path / "w2.log"]
    deleted = tmp_path / "deleted.log"
    deleting = tmp_path / "deleting.log"
    deleted.touch()
    writers = [_worker("write", library.id, document.uuid, acked[i], 25, 10, i + 1) for i in range(2)]
    readers = [
        _worker("read", library.id, ",".join(map(str, acked)), f"{deleted},{deleting}", tmp_path / f"r{i}.json", 12)
        for i in range(2)
    ]
    # This process deletes acknowledged chunks meanwhile, and records each delete once done.
    from vectordb.tests.workers import _read_ids

    until = time.monotonic() + 10
    while time.monotonic() < until:
        victims = sorted(set().union(*(_read_ids(p) for p in acked)) - _read_ids(deleted))[:4]
        if victims:
            with deleting.open("a") as fh:
                fh.write(json.dumps(victims) + "\n")
            services.chunks_delete(library=Library.objects.get(pk=library.id), chunk_ids=victims)
            with deleted.open("a") as fh:
                fh.write(json.dumps(victims) + "\n")
        time.sleep(0.05)
    for p in writers + readers:
        assert p.wait(timeout=120) == 0
    for i in range(2):
        report = json.loads((tmp_path / f"r{i}.json").read_text())
        assert report["checks"] >= 2 and report["violations"] == 0, report
    registry.clear()
    final = {h.chunk_id for h in library_query(library=library, embedding=[1.0] * 8, k=1000, index="flat")}
    assert final == set().union(*(_read_ids(p) for p in acked)) - _read_ids(deleted)


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_writer_killed_with_sigkill_loses_nothing_it_acknowledged(tmp_path):
    library = LibraryFactory(dimension=16, index_type="hnsw")
    document = DocumentFactory(library=library)
    seed_chunks = [
        {"document_id": str(document.uuid), "text": "seed", "embedding": v.tolist()} for v in _vectors(50, 16, 0)
    ]
    services.chunks_upsert(library=library, chunks=seed_chunks)
    services.index_snapshot_save(library_id=library.id)  # a saved index, older than what follows
    log = tmp_path / "acked.log"
    writer = _worker("write", library.id, document.uuid, log, 10_000, 20, 7)
    from vectordb.tests.workers import _read_ids

    deadline = time.monotonic() + 60
    while len(_read_ids(log)) < 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    acked = _read_ids(log)
    assert len(acked) >= 200
    stored = {str(u) for u in Chunk.objects.filter(library=library).values_list("uuid", flat=True)}
    assert acked <= stored  # every acknowledged chunk is in the database
    # A fresh process state: the saved index is loaded, then caught up from the change log.
    registry.clear()
    connection.close()
    library = Library.objects.get(pk=library.id)
    vectors = {
        str(c.uuid): np.frombuffer(bytes(c.embedding), dtype="<f4")
        for c in Chunk.objects.filter(uuid__in=sorted(acked)[:: max(1, len(acked) // 40)])
    }
    for chunk_id, vector in vectors.items():
        assert library_query(library=library, embedding=vector.tolist(), k=1, index="flat")[0].chunk_id == chunk_id
    live, _ = registry.get(library.id)
    assert set(Chunk.objects.filter(uuid__in=acked).values_list("id", flat=True)) <= set(live.index.slot_of)
    assert len(live.index) == len(stored)

"""Saved indexes: a restart loads the snapshot and replays only the writes made since."""

import pytest

from vectordb import runtime, services
from vectordb.models import ChunkChange, IndexSnapshot, Library
from vectordb.runtime import registry
from vectordb.selectors import library_query
from vectordb.tests.factories import DocumentFactory, random_vectors

pytestmark = pytest.mark.django_db


def _chunks(doc, vectors, start=0):
    return [
        {"document_id": str(doc.uuid), "text": f"c{start + i}", "embedding": v.tolist()} for i, v in enumerate(vectors)
    ]


def test_a_restart_loads_the_saved_index_and_replays_later_writes(monkeypatch, django_capture_on_commit_callbacks):
    doc = DocumentFactory(library__index_type="hnsw")
    vectors = random_vectors(400, 8, seed=11)
    created = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors[:300]))
    with django_capture_on_commit_callbacks():
        build = services.index_build_request(library=doc.library)
    services.index_build_execute(build_id=build.pk)
    snap = IndexSnapshot.objects.get(library=doc.library)
    assert snap.vector_count == 300 and snap.seq == 1
    later = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors[300:], start=300))
    services.chunks_delete(library=doc.library, chunk_ids=[created[0].uuid])

    registry.clear()  # a new process
    monkeypatch.setattr(runtime, "build_from_database", lambda *a, **k: pytest.fail("rebuilt instead of loading"))
    library = Library.objects.get(pk=doc.library_id)
    assert library_query(library=library, embedding=vectors[350].tolist(), k=1)[0].chunk_id == str(later[50].uuid)
    live, _ = registry.get(library.pk)
    assert len(live.index) == 399 and created[0].pk not in live.index
    assert live.applied_seq == library.version


def test_snapshots_prune_the_change_log_and_a_stale_process_reloads():
    doc = DocumentFactory()
    services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=1)))
    assert services.index_snapshot_save(library_id=doc.library_id) is not None
    services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=2), 10))
    stale, _ = registry.get(doc.library_id)
    stale_seq = stale.applied_seq
    services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=3), 20))
    assert services.index_snapshot_save(library_id=doc.library_id) is not None
    library = Library.objects.get(pk=doc.library_id)
    assert library.log_floor == 1 and not ChunkChange.objects.filter(library=library, seq__lte=1).exists()
    assert IndexSnapshot.objects.filter(library=library).count() == 2
    # A process still at an older version than the floor must reload rather than replay.
    stale.applied_seq = 0
    assert stale_seq >= 1
    live, _ = registry.get(library.pk)
    assert len(live.index) == 30 and live.applied_seq == library.version
    hits = library_query(library=library, embedding=[1.0] * 8, k=100)
    assert len(hits) == 30


def test_a_large_batch_into_a_graph_index_is_applied_as_a_bulk_rebuild(monkeypatch):
    monkeypatch.setattr(runtime, "BULK_REBUILD_MIN", 20)
    doc = DocumentFactory(library__index_type="hnsw")
    first = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=4)))
    live, _ = registry.get(doc.library_id)
    before = live.index
    chunks = _chunks(doc, random_vectors(60, 8, seed=5), 10)
    for i, c in enumerate(chunks):
        c["metadata"] = {"odd": i % 2}
    batch = services.chunks_upsert(library=doc.library, chunks=chunks)
    live, _ = registry.get(doc.library_id)
    assert live.index is not before and len(live.index) == 70  # rebuilt, nothing lost
    hits = library_query(library=doc.library, embedding=[1.0] * 8, k=100, filter={"odd": 1})
    assert {h.chunk_id for h in hits} == {str(c.uuid) for c in batch[1::2]}
    assert first[0].pk in live.index


def test_a_large_write_saves_a_snapshot_after_commit_and_a_new_process_loads_it(
    monkeypatch, django_capture_on_commit_callbacks
):
    from config.celery import app

    monkeypatch.setitem(app.conf, "CELERY_TASK_ALWAYS_EAGER", True)
    doc = DocumentFactory(library__index_type="hnsw")
    vectors = random_vectors(services.SNAPSHOT_AFTER_CHUNKS + 10, 8, seed=21)
    with django_capture_on_commit_callbacks(execute=True):
        services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors[:10]))
    assert not IndexSnapshot.objects.filter(library=doc.library).exists()  # a small write saves none
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors[10:], start=10))
    assert callbacks  # queued on commit, not run inside the request's transaction
    snap = IndexSnapshot.objects.get(library=doc.library)
    library = Library.objects.get(pk=doc.library_id)
    assert snap.seq == library.version and snap.vector_count == len(vectors)

    registry.clear()  # a new process
    monkeypatch.setattr(runtime, "build_from_database", lambda *a, **k: pytest.fail("rebuilt instead of loading"))
    assert library_query(library=library, embedding=vectors[500].tolist(), k=1)[0].chunk_id == str(created[490].uuid)


def test_a_catch_up_racing_a_log_prune_reloads_instead_of_missing_changes():
    """A process read the library's state (old log floor), then a snapshot pruned the log past
    what it has applied, then it replays: it must notice and reload, not skip the pruned writes."""
    doc = DocumentFactory()
    services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=41)))
    live, _ = registry.get(doc.library_id)  # applied: version 1
    registry.clear()  # detached: the snapshots below are saved from another copy
    for start, seed in ((10, 42), (20, 43)):
        services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(10, 8, seed=seed), start))
        assert services.index_snapshot_save(library_id=doc.library_id) is not None
    library = Library.objects.get(pk=doc.library_id)
    assert library.log_floor == 2 and live.applied_seq == 1
    seen_before_the_prune = runtime.LibraryState(**{**runtime.library_state(library.pk).__dict__, "log_floor": 0})
    with live.lock:
        live.catch_up(seen_before_the_prune)
    assert len(live.index) == 30 and live.applied_seq == library.version

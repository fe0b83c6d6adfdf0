import numpy as np
import pytest

from core.exceptions import Unprocessable
from vectordb import services
from vectordb.models import Chunk, ChunkChange, Library
from vectordb.selectors import library_query
from vectordb.tests.factories import DocumentFactory, random_vectors

pytestmark = pytest.mark.django_db


def _chunks(document, vectors, **extra):
    return [
        {"document_id": str(document.uuid), "text": f"text {i}", "embedding": v.tolist(), "metadata": {"n": i, **extra}}
        for i, v in enumerate(vectors)
    ]


def test_library_create_checks_metric_dimension_and_index(project):
    lib = services.library_create(project=project, name="docs", dimension=4, metric="dot", index_type="flat")
    assert lib.dimension == 4 and lib.metric == "dot" and lib.version == 0
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="x", dimension=4, metric="manhattan")
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="y", dimension=0)
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="z", dimension=4, index_type="annoy")
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="docs", dimension=4)


def test_chunks_upsert_bumps_the_version_once_and_logs_every_chunk():
    doc = DocumentFactory()
    created = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, random_vectors(5, 8)))
    assert [c.pk for c in created] == sorted(c.pk for c in created)
    doc.library.refresh_from_db()
    assert doc.library.version == 1
    assert ChunkChange.objects.filter(library=doc.library, seq=1).count() == 5


def test_it_rejects_a_wrong_dimension_nan_and_a_foreign_document():
    doc = DocumentFactory()
    other = DocumentFactory()
    for bad in ([1.0] * 7, [float("nan")] + [1.0] * 7, [0.0] * 8, "abc"):
        with pytest.raises(Unprocessable):
            services.chunks_upsert(library=doc.library, chunks=[{"document_id": str(doc.uuid), "embedding": bad}])
    with pytest.raises(Unprocessable):
        services.chunks_upsert(library=doc.library, chunks=_chunks(other, random_vectors(1, 8)))
    assert Chunk.objects.count() == 0


def test_library_query_returns_the_nearest_chunk_first_with_its_document():
    doc = DocumentFactory()
    vectors = random_vectors(50, 8, seed=3)
    created = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors))
    hits = library_query(library=doc.library, embedding=vectors[7].tolist(), k=3)
    assert hits[0].chunk_id == str(created[7].uuid)
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert hits[0].document_title == doc.title and hits[0].text == "text 7"
    assert len(hits) == 3 and hits[0].score >= hits[1].score >= hits[2].score


def test_a_query_sees_updates_and_deletes_made_after_the_index_was_loaded():
    doc = DocumentFactory()
    vectors = random_vectors(20, 8, seed=4)
    created = services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors))
    assert library_query(library=doc.library, embedding=vectors[0].tolist(), k=1)[0].chunk_id == str(created[0].uuid)
    services.chunks_delete(library=doc.library, chunk_ids=[created[0].uuid])
    assert library_query(library=doc.library, embedding=vectors[0].tolist(), k=1)[0].chunk_id != str(created[0].uuid)
    moved = services.chunk_update(chunk=Chunk.objects.get(pk=created[1].pk), embedding=vectors[0].tolist())
    hit = library_query(library=doc.library, embedding=vectors[0].tolist(), k=1)[0]
    assert hit.chunk_id == str(moved.uuid) and hit.score == pytest.approx(1.0, abs=1e-5)


def test_a_filter_keeps_only_matching_chunks():
    doc = DocumentFactory()
    vectors = random_vectors(30, 8, seed=5)
    chunks = _chunks(doc, vectors)
    for i, c in enumerate(chunks):
        c["metadata"]["author"] = "ada" if i % 3 == 0 else "bob"
    services.chunks_upsert(library=doc.library, chunks=chunks)
    hits = library_query(library=doc.library, embedding=vectors[1].tolist(), k=5, filter={"author": "ada"})
    assert len(hits) == 5 and all(h.metadata["author"] == "ada" for h in hits)
    expected = np.argsort(-(vectors[::3] @ vectors[1]))[:5]
    assert [h.metadata["n"] for h in hits] == [int(i) * 3 for i in expected]


def test_deleting_a_document_removes_its_chunks_from_queries():
    doc = DocumentFactory()
    other = DocumentFactory(library=doc.library)
    vectors = random_vectors(10, 8, seed=6)
    services.chunks_upsert(library=doc.library, chunks=_chunks(doc, vectors[:5]) + _chunks(other, vectors[5:]))
    services.document_delete(document=doc)
    hits = library_query(library=Library.objects.get(pk=doc.library_id), embedding=vectors[0].tolist(), k=10)
    assert len(hits) == 5 and {h.document_id for h in hits} == {str(other.uuid)}


def test_a_library_with_a_provider_embeds_chunk_texts_and_text_queries(project):
    lib = services.library_create(project=project, name="rag", embedding_provider="hash")
    assert lib.dimension == 384
    doc = services.document_create(library=lib, title="Drinks")
    texts = ["cold cola in a can", "hot black coffee", "sparkling mineral water", "salted potato chips"]
    created = services.chunks_upsert(library=lib, chunks=[{"document_id": str(doc.uuid), "text": t} for t in texts])
    hits = library_query(library=lib, text="hot black coffee", k=2)
    assert hits[0].chunk_id == str(created[1].uuid) and hits[0].document_title == "Drinks"


def test_a_provider_is_checked_against_the_dimension_and_text_needs_one(project):
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="a", dimension=8, embedding_provider="hash")
    with pytest.raises(Unprocessable):
        services.library_create(project=project, name="b", embedding_provider="nonexistent")
    doc = DocumentFactory()
    with pytest.raises(Unprocessable):
        services.chunks_upsert(library=doc.library, chunks=[{"document_id": str(doc.uuid), "text": "no vector"}])
    with pytest.raises(Unprocessable):
        library_query(library=doc.library, text="no provider")


def test_a_build_that_cannot_be_queued_is_dropped_not_recorded_as_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    from vectordb import tasks
    from vectordb.models import IndexBuild

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.index_build_run, "delay", broker_down)
    doc = DocumentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        build = services.index_build_request(library=doc.library, index_type="ivf")
    assert not IndexBuild.objects.filter(pk=build.pk).exists()

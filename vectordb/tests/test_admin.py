import pytest

from vectordb import services
from vectordb.models import Chunk, ChunkChange
from vectordb.selectors import library_query
from vectordb.tests.factories import DocumentFactory, random_vectors

pytestmark = pytest.mark.django_db


def test_deleting_a_document_in_the_admin_logs_its_chunks_so_queries_drop_them(staff_client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    doc = DocumentFactory()
    vectors = random_vectors(3, 8, seed=8)
    chunks = [{"document_id": str(doc.uuid), "text": "x", "embedding": v.tolist()} for v in vectors]
    services.chunks_upsert(library=doc.library, chunks=chunks)
    assert len(library_query(library=doc.library, embedding=vectors[0].tolist(), k=5)) == 3
    response = staff_client.post(f"/admin/vectordb/document/{doc.id}/delete/", {"post": "yes"}, format="multipart")
    assert response.status_code == 302
    assert not Chunk.objects.filter(library=doc.library).exists()
    assert ChunkChange.objects.filter(library=doc.library, op="d").count() == 3
    assert library_query(library=doc.library, embedding=vectors[0].tolist(), k=5) == []


def test_the_admin_lists_libraries_builds_and_snapshots(staff_client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    DocumentFactory()
    for model in ("library", "document", "chunk", "indexbuild", "indexsnapshot"):
        assert staff_client.get(f"/admin/vectordb/{model}/").status_code == 200

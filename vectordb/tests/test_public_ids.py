"""Public ids over HTTP: every object is named by a random UUID, another tenant's object answers
byte for byte like a missing one (404), and an id that is not a UUID is a 422 naming the field
(the vector database's validation rule, README "Validation status codes")."""

import uuid

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ProjectFactory
from vectordb import services
from vectordb.models import Chunk, Document, IndexBuild, Library
from vectordb.workflows.models import PipelineRun

pytestmark = pytest.mark.django_db

LIBS = "/api/vectordb/libraries"


@pytest.fixture
def mine(project):
    """A library of `project` with a document, two chunks, an index build and a pipeline run row."""
    library = services.library_create(project=project, name="mine", dimension=4)
    document = services.document_create(library=library, title="guide")
    chunks = services.chunks_upsert(
        library=library,
        chunks=[{"document_id": str(document.uuid), "embedding": [1.0, 0.0, 0.0, float(i)]} for i in range(2)],
    )
    build = IndexBuild.objects.create(library=library, index_type="flat")
    run = PipelineRun.objects.create(id=uuid.uuid4().hex, project=project, library_id_at_start=library.pk)
    return {"library": library, "document": document, "chunk": chunks[0], "build": build, "run": run}


@pytest.fixture
def stranger(api_key_for) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    return client


def _paths(objs: dict) -> dict[str, tuple[str, str]]:
    """(method, path) for each object kind, with its real id."""
    lib = f"{LIBS}/{objs['library'].uuid}"
    return {
        "library": ("get", lib),
        "document": ("get", f"{lib}/documents/{objs['document'].uuid}"),
        "chunk": ("get", f"{lib}/chunks/{objs['chunk'].uuid}"),
        "index build": ("get", f"{lib}/index/{objs['build'].uuid}"),
        "pipeline run": ("get", f"/api/vectordb/pipelines/{objs['run'].pk}"),
    }


def test_responses_carry_uuids_not_the_sequential_keys(key_client, mine):
    lib = mine["library"]
    body = key_client.get(f"{LIBS}/{lib.uuid}").json()
    assert body["id"] == str(lib.uuid) and body["project"] == str(lib.project.uuid)
    doc = key_client.get(f"{LIBS}/{lib.uuid}/documents").json()["results"][0]
    assert doc["id"] == str(mine["document"].uuid) and doc["library"] == str(lib.uuid)
    chunk = key_client.get(f"{LIBS}/{lib.uuid}/chunks?document={mine['document'].uuid}").json()["results"][0]
    assert chunk["id"] == str(mine["chunk"].uuid) and chunk["document_id"] == str(mine["document"].uuid)
    build = key_client.get(f"{LIBS}/{lib.uuid}/index").json()["results"][0]
    assert build["id"] == str(mine["build"].uuid) and build["library"] == str(lib.uuid)
    hit = key_client.post(f"{LIBS}/{lib.uuid}/query", {"embedding": [1, 0, 0, 0], "k": 1}, format="json").json()
    assert hit["hits"][0]["chunk_id"] == str(mine["chunk"].uuid)
    assert hit["hits"][0]["document_id"] == str(mine["document"].uuid)
    listed = key_client.get(f"{LIBS}?project={lib.project.uuid}").json()
    assert [item["id"] for item in listed["results"]] == [str(lib.uuid)]
    # the internal integer keys are no ids any more
    assert key_client.get(f"{LIBS}/{lib.pk}").status_code == 422


@pytest.mark.parametrize("kind", ["library", "document", "chunk", "index build", "pipeline run"])
def test_another_tenants_object_answers_byte_for_byte_like_a_missing_one(key_client, stranger, mine, kind):
    method, path = _paths(mine)[kind]
    if kind != "pipeline run":  # (reading one's own run needs Temporal: test_pipeline_temporal)
        assert getattr(key_client, method)(path).status_code == 200
    foreign = getattr(stranger, method)(path)
    random_id = uuid.uuid4().hex if kind == "pipeline run" else str(uuid.uuid4())
    # a missing object in the same place, and (under a library) one in a library that does not exist
    missing = [getattr(stranger, method)(path.rsplit("/", 1)[0] + "/" + random_id)]
    if kind not in ("library", "pipeline run"):
        missing.append(getattr(stranger, method)(path.replace(str(mine["library"].uuid), str(uuid.uuid4()))))
    for other in missing:
        assert foreign.status_code == other.status_code == 404, (foreign.content, other.content)
        assert foreign.content == other.content
        assert foreign["Content-Type"] == other["Content-Type"] == "application/json"


def test_a_foreign_library_hides_what_is_under_it_like_a_missing_library(key_client, stranger, mine):
    lib = mine["library"]
    unknown = uuid.uuid4()
    cases = [
        ("get", "/documents", None),
        ("post", "/documents", {"title": "x"}),
        ("get", "/chunks", None),
        ("post", "/chunks", {"chunks": []}),
        ("post", "/chunks/delete", {"ids": [str(mine["chunk"].uuid)]}),
        ("patch", f"/chunks/{mine['chunk'].uuid}", {"text": "x"}),
        ("delete", f"/documents/{mine['document'].uuid}", None),
        ("post", "/query", {"embedding": [1, 0, 0, 0]}),
        ("post", "/query/batch", {"embeddings": [[1, 0, 0, 0]]}),
        ("post", "/index", {}),
        ("post", "/pipelines", {"question": "hello?"}),
        ("delete", "", None),
    ]
    for method, suffix, body in cases:
        foreign = getattr(stranger, method)(f"{LIBS}/{lib.uuid}{suffix}", body, format="json")
        missing = getattr(stranger, method)(f"{LIBS}/{unknown}{suffix}", body, format="json")
        assert foreign.status_code == missing.status_code == 404, (method, suffix, foreign.content)
        assert foreign.content == missing.content, (method, suffix)
    # nothing was changed through those requests
    assert Chunk.objects.filter(library=lib).count() == 2 and Document.objects.filter(library=lib).exists()
    assert Library.objects.filter(pk=lib.pk).exists() and IndexBuild.objects.filter(library=lib).count() == 1


@pytest.mark.parametrize("kind", ["library", "document", "chunk", "index build", "pipeline run"])
def test_a_malformed_id_is_a_422_naming_the_field(key_client, mine, kind):
    method, path = _paths(mine)[kind]
    response = getattr(key_client, method)(path.rsplit("/", 1)[0] + "/not-a-uuid")
    field = {"library": "library_id", "document": "document_id", "chunk": "chunk_id", "index build": "build_id"}
    assert response.status_code == 422, response.content
    assert field.get(kind, "run_id") in response.json()["errors"]


def test_malformed_ids_in_bodies_and_queries_are_422s_naming_the_field(key_client, mine):
    lib = f"{LIBS}/{mine['library'].uuid}"
    bad_doc = key_client.post(
        f"{lib}/chunks", {"chunks": [{"document_id": 7, "embedding": [1, 0, 0, 0]}]}, format="json"
    )
    assert bad_doc.status_code == 422 and "chunks[0].document_id" in bad_doc.json()["errors"]
    item = {"id": "x", "document_id": str(mine["document"].uuid), "embedding": [1, 0, 0, 0]}
    bad_id = key_client.post(f"{lib}/chunks", {"chunks": [item]}, format="json")
    assert bad_id.status_code == 422 and "chunks[0].id" in bad_id.json()["errors"]
    bad_delete = key_client.post(f"{lib}/chunks/delete", {"ids": [1, 2]}, format="json")
    assert bad_delete.status_code == 422 and "ids" in bad_delete.json()["errors"]
    assert key_client.get(f"{lib}/chunks?document=3").status_code == 422
    assert key_client.get(f"{LIBS}?project=3").json()["errors"] == {"project": ["must be a UUID"]}
    create = key_client.post(LIBS, {"name": "x", "dimension": 4, "project": 1}, format="json")
    assert create.status_code == 422 and "project" in create.json()["errors"]


def test_chunks_are_replaced_and_deleted_by_their_uuid(key_client, mine):
    lib = f"{LIBS}/{mine['library'].uuid}"
    chunk = mine["chunk"]
    item = {"id": str(chunk.uuid), "document_id": str(mine["document"].uuid), "embedding": [0, 1, 0, 0], "text": "v2"}
    replaced = key_client.post(f"{lib}/chunks", {"chunks": [item]}, format="json")
    assert replaced.status_code == 200 and replaced.json()["ids"] == [str(chunk.uuid)]
    assert Chunk.objects.get(pk=chunk.pk).text == "v2"
    unknown = {**item, "id": str(uuid.uuid4())}
    refused = key_client.post(f"{lib}/chunks", {"chunks": [unknown]}, format="json")
    assert refused.status_code == 422 and "chunks[0].id" in refused.json()["errors"]
    gone = key_client.post(f"{lib}/chunks/delete", {"ids": [str(chunk.uuid), str(uuid.uuid4())]}, format="json")
    assert gone.json() == {"deleted": 1} and not Chunk.objects.filter(pk=chunk.pk).exists()


def test_ids_are_random_not_sequential(project):
    library = services.library_create(project=project, name="ids", dimension=2)
    docs = [services.document_create(library=library, title=str(i)) for i in range(5)]
    uuids = [d.uuid for d in docs]
    assert len(set(uuids)) == 5 and all(u.version == 4 for u in uuids)  # random (version 4), not counted

"""The chat end to end with the vector database: the project's knowledge library, retrieval, the prompt."""

import pytest

from accounts.tests.factories import ProjectFactory
from threads import llm
from threads.models import QuestionAnswer
from threads.retrieval import knowledge_library_get_or_create, retrieve

pytestmark = pytest.mark.django_db

PASSWORD = "To reset your password open Settings, then Security, then choose Reset password."
INVOICE = "Invoices are emailed on the first day of every month to the billing contact."
SHIPPING = "Orders ship within two business days from our warehouse in Rotterdam."


@pytest.fixture(autouse=True)
def _fresh_vector_indexes():
    from vectordb.runtime import registry

    registry.clear()
    yield
    registry.clear()


def add_knowledge(project, texts, title="Help center"):
    from vectordb.services import chunks_upsert, document_create

    library = knowledge_library_get_or_create(project_id=project.pk)
    document = document_create(library=library, title=title)
    chunks_upsert(library=library, chunks=[{"document_id": str(document.uuid), "text": t} for t in texts])
    return library


def test_a_project_gets_one_knowledge_library_created_on_first_use(key_client, project):
    first = key_client.get(f"/query/v1/projects/{project.uuid}/knowledge")
    assert first.status_code == 200, first.json()
    body = first.json()
    assert body["name"] == "knowledge"
    assert body["embedding_provider"] == "hash"
    assert body["dimension"] > 0
    assert key_client.get(f"/query/v1/projects/{project.uuid}/knowledge").json()["library_id"] == body["library_id"]


def test_a_key_for_project_a_gets_404_on_project_bs_knowledge(key_client):
    assert key_client.get(f"/query/v1/projects/{ProjectFactory().uuid}/knowledge").status_code == 404


def test_retrieval_finds_the_most_relevant_passage_first(project):
    add_knowledge(project, [INVOICE, PASSWORD, SHIPPING])
    passages = retrieve(project_id=project.pk, question="how do I reset my password")
    assert passages[0].text == PASSWORD
    assert passages[0].document_title == "Help center"


def test_a_project_without_a_knowledge_library_retrieves_nothing(project):
    assert retrieve(project_id=project.pk, question="anything") == []


def test_the_offline_answer_is_composed_from_the_retrieved_chunks(key_client, project, settings):
    settings.ANTHROPIC_API_KEY = ""
    add_knowledge(project, [INVOICE, PASSWORD, SHIPPING])
    body = key_client.post(f"/query/v1/projects/{project.uuid}/chat", {"question": "How to reset my password?"}).json()
    assert body["answer"].startswith(llm.OFFLINE_MARKER)
    assert PASSWORD in body["answer"].splitlines()[3]  # the best passage comes first
    sources = QuestionAnswer.objects.get(uuid=body["question_answer_id"]).sources
    assert sources[0]["title"] == "Help center"


def test_the_llm_prompt_carries_the_retrieved_chunks_and_the_history(key_client, project, fake_anthropic):
    add_knowledge(project, [INVOICE, PASSWORD, SHIPPING])
    first = key_client.post(f"/query/v1/projects/{project.uuid}/chat", {"question": "When are invoices sent?"}).json()
    key_client.post(
        f"/query/v1/projects/{project.uuid}/chat",
        {"question": "And how do I reset my password?", "thread_id": first["thread_id"]},
    )
    first_request, second_request = (r["body"] for r in fake_anthropic.requests)
    assert INVOICE in first_request["system"]
    assert PASSWORD in second_request["system"]
    assert second_request["messages"][0] == {"role": "user", "content": "When are invoices sent?"}
    assert second_request["messages"][-1] == {"role": "user", "content": "And how do I reset my password?"}


def test_a_project_never_retrieves_another_projects_knowledge(key_client, project, settings):
    settings.ANTHROPIC_API_KEY = ""
    add_knowledge(ProjectFactory(), [PASSWORD])
    add_knowledge(project, [SHIPPING])
    body = key_client.post(f"/query/v1/projects/{project.uuid}/chat", {"question": "reset my password"}).json()
    assert PASSWORD not in body["answer"]
    assert SHIPPING in body["answer"]

"""The original kapa client's flow, replayed against the API as that client sends it: UUIDs in the URL,
in the chat body and in the answers; the threads list paged with limit/offset and `count`."""

import re
import uuid

import pytest

from threads.models import Thread

pytestmark = pytest.mark.django_db

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_chat_follow_up_by_uuid_and_offset_paging(key_client, project):
    base = f"/query/v1/projects/{project.uuid}"
    first = key_client.post(f"{base}/chat", {"question": "How do I install the SDK?"}, format="json")
    assert first.status_code == 200, first.json()
    first = first.json()
    assert set(first) == {"question", "answer", "question_answer_id", "thread_id"}
    assert UUID_RE.match(first["thread_id"]) and UUID_RE.match(first["question_answer_id"])

    follow = key_client.post(
        f"{base}/chat", {"question": "And on Windows?", "thread_id": first["thread_id"]}, format="json"
    ).json()
    assert follow["thread_id"] == first["thread_id"]
    assert follow["question_answer_id"] != first["question_answer_id"]

    for i in range(4):
        key_client.post(f"{base}/chat", {"question": f"Question {i}?"}, format="json")

    page = key_client.get(f"{base}/threads/", {"limit": 2, "offset": 0}).json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] == 5 and page["previous"] is None and len(page["results"]) == 2
    seen = [t["id"] for t in page["results"]]
    while page["next"]:
        page = key_client.get(page["next"]).json()
        seen += [t["id"] for t in page["results"]]
    assert len(seen) == len(set(seen)) == 5
    assert first["thread_id"] in seen
    row = next(t for t in key_client.get(f"{base}/threads/").json()["results"] if t["id"] == first["thread_id"])
    assert row["project"] == str(project.uuid)
    assert row["total_questions"] == 2
    assert {"category", "category_source"} <= set(row)

    detail = key_client.get(f"{base}/threads/{first['thread_id']}/").json()
    assert [qa["id"] for qa in detail["question_answers"]] == [
        first["question_answer_id"],
        follow["question_answer_id"],
    ]


def test_integer_ids_of_the_old_platform_api_are_404_not_500(key_client, project):
    thread = Thread.objects.create(project=project, first_question="q", total_questions=1)
    assert key_client.get(f"/query/v1/projects/{project.pk}/threads/").status_code == 404
    assert key_client.get(f"/query/v1/projects/{project.uuid}/threads/{thread.pk}/").status_code == 404
    unknown = key_client.get(f"/query/v1/projects/{project.uuid}/threads/{uuid.uuid4()}/")
    assert unknown.status_code == 404
    bad = key_client.post(
        f"/query/v1/projects/{project.uuid}/chat", {"question": "q", "thread_id": "7x"}, format="json"
    )
    assert bad.status_code == 400 and "thread_id" in bad.json()["errors"]

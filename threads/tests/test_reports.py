"""The weekly usage email, through Django's in-memory email backend."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from accounts.services import team_member_add
from accounts.tests.factories import ProjectFactory, TeamFactory, UserFactory
from threads.services import report_period_end, usage_report_send
from threads.tasks import send_weekly_usage_reports
from threads.tests.factories import CategoryFactory, QuestionAnswerFactory, ThreadFactory

pytestmark = pytest.mark.django_db

WEEK_END = datetime(2026, 11, 16, tzinfo=UTC)  # a Monday 00:00 UTC
IN_WEEK = WEEK_END - timedelta(days=2)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def team():
    team = TeamFactory(name="Acme")
    team_member_add(team=team, user=UserFactory(email="owner@acme.test"))
    team_member_add(team=team, user=UserFactory(email="dev@acme.test"))
    return team


def test_the_report_counts_questions_threads_and_threads_per_category_per_project(team):
    helpdesk = ProjectFactory(team=team, name="Helpdesk")
    ProjectFactory(team=team, name="Docs bot")
    careers = CategoryFactory(project=helpdesk, name="Careers")
    legal = CategoryFactory(project=helpdesk, name="Legal")
    for category, n in ((careers, 3), (legal, 1), (None, 2)):
        for _ in range(n):
            thread = ThreadFactory(project=helpdesk, created_at=IN_WEEK, category=category)
            QuestionAnswerFactory(thread=thread, created_at=IN_WEEK)
    QuestionAnswerFactory(thread__project=helpdesk, thread__created_at=IN_WEEK, created_at=IN_WEEK)  # 7th thread
    ThreadFactory(project=helpdesk, created_at=WEEK_END + timedelta(hours=1))  # next week: not counted
    ThreadFactory(project=helpdesk, created_at=WEEK_END - timedelta(days=8))  # last week: not counted
    QuestionAnswerFactory(thread__project=ProjectFactory(), created_at=IN_WEEK)  # another team's

    assert usage_report_send(team_id=team.pk, period_end=WEEK_END) is True
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == ["dev@acme.test", "owner@acme.test"]
    assert email.subject == "Acme: chatbot usage, week of 2026-11-09"
    body = email.body
    assert "7 questions in 7 new conversations across 2 projects" in body
    helpdesk_part = body[body.index("Helpdesk") :]
    assert "Questions: 7" in helpdesk_part
    assert "New threads: 7" in helpdesk_part
    assert "Careers: 3" in helpdesk_part
    assert "Legal: 1" in helpdesk_part
    assert "Unlabelled: 3" in helpdesk_part
    assert "Docs bot\n  Questions: 0\n  New threads: 0" in body
    html = email.alternatives[0]
    assert html[1] == "text/html"
    assert "Helpdesk" in html[0]


def test_the_report_is_sent_once_per_team_and_week(team):
    ProjectFactory(team=team)
    assert usage_report_send(team_id=team.pk, period_end=WEEK_END) is True
    assert usage_report_send(team_id=team.pk, period_end=WEEK_END) is False
    assert len(mail.outbox) == 1


def test_a_team_without_members_gets_no_email(eager_celery):
    ProjectFactory(team=TeamFactory())
    assert send_weekly_usage_reports.apply().get() == 1
    assert mail.outbox == []


def test_the_weekly_task_sends_every_team_its_own_report(team, eager_celery):
    ProjectFactory(team=team, name="Helpdesk")
    other = TeamFactory(name="Globex")
    team_member_add(team=other, user=UserFactory(email="ops@globex.test"))
    ProjectFactory(team=other, name="Support")
    send_weekly_usage_reports.apply().get()
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == ["Acme", "Globex"]
    assert [m.to for m in mail.outbox if m.subject.startswith("Globex")] == [["ops@globex.test"]]


def test_the_period_ends_on_the_last_monday_at_midnight_utc():
    assert report_period_end(now=datetime(2026, 11, 16, 7, 0, tzinfo=UTC)) == WEEK_END
    assert report_period_end(now=datetime(2026, 11, 22, 23, 59, tzinfo=UTC)) == WEEK_END

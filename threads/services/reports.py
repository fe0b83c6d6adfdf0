"""The weekly usage email each team gets: per project, the questions, threads, and threads per category."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Team, User
from threads.models import UsageReportDelivery
from threads.selectors import usage_for_team

PERIOD = timedelta(days=7)


def report_period_end(*, now: datetime | None = None) -> datetime:
    """The end of the last full week: the most recent Monday 00:00 UTC."""
    now = (now or timezone.now()).astimezone(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday())


def usage_report_recipients(*, team_id: int) -> list[str]:
    return sorted(
        User.objects.filter(memberships__team_id=team_id, is_active=True).values_list("email", flat=True).distinct()
    )


def usage_report_send(*, team_id: int, period_end: datetime) -> bool:
    """Email the team's report for the week ending at `period_end`, once: a repeated call (a retried task,
    a second beat tick) sends nothing. Returns whether an email went out. Teams with no members or no
    projects get none."""
    period_start = period_end - PERIOD
    if UsageReportDelivery.objects.filter(team_id=team_id, period_start=period_start).exists():
        return False
    team = Team.objects.filter(pk=team_id).first()
    recipients = usage_report_recipients(team_id=team_id)
    if team is None or not recipients:
        return False
    projects = usage_for_team(team_id=team_id, start=period_start, end=period_end)
    if not projects:
        return False
    context = {
        "team": team,
        "projects": projects,
        "start": period_start,
        "end": period_end - timedelta(seconds=1),
        "total_questions": sum(p.questions for p in projects),
        "total_threads": sum(p.threads for p in projects),
    }
    message = EmailMultiAlternatives(
        subject=f"{team.name}: chatbot usage, week of {period_start:%Y-%m-%d}",
        body=render_to_string("threads/email/usage_report.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(render_to_string("threads/email/usage_report.html", context), "text/html")
    message.send()
    # Recorded after sending: a crash in between can send twice, never zero times.
    UsageReportDelivery.objects.get_or_create(
        team_id=team_id,
        period_start=period_start,
        defaults={"period_end": period_end, "recipients": len(recipients)},
    )
    return True


def usage_report_team_ids() -> list[int]:
    return list(Team.objects.filter(projects__isnull=False).distinct().order_by("pk").values_list("pk", flat=True))

"""Celery tasks of the threads app: thin, take ids, idempotent (so `acks_late`), no result rows."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from threads import services


@shared_task(ignore_result=True, time_limit=120, soft_time_limit=100)
def classify_live() -> int:
    """Label one batch (up to 64) of new threads, concurrently; routed to the `live` queue. Failures stay
    unlabelled and the sweep pushes them again."""
    return services.classify_live_batch().labelled


@shared_task(bind=True, acks_late=True, ignore_result=True, time_limit=120, soft_time_limit=100, max_retries=3)
def classify_thread(self, thread_id: int) -> None:
    """Label one thread (kept for messages published before live batching; nothing publishes it now)."""
    outcome = services.threads_classify(thread_ids=[thread_id], concurrency=1)
    if outcome.failed:
        raise self.retry(countdown=30)


@shared_task(acks_late=True, ignore_result=True, time_limit=300, soft_time_limit=270)
def classify_threads(thread_ids: list[int]) -> None:
    """Label a batch of threads the sweep found unlabelled."""
    services.threads_classify(thread_ids=thread_ids)


@shared_task(ignore_result=True, time_limit=60)
def sweep_unlabelled_threads() -> int:
    """Periodic (beat): re-enqueue recent threads whose classification was lost or failed."""
    return services.sweep_enqueue()


@shared_task(acks_late=True, ignore_result=True, time_limit=3600, soft_time_limit=3500)
def backfill_plan(run_id: int) -> None:
    """Plan a backfill run (started from the admin); routed to the `low` queue."""
    services.backfill_plan(run_id=run_id)


@shared_task(acks_late=True, ignore_result=True, time_limit=900, soft_time_limit=840)
def backfill_chunk(run_id: int, first_id: int, last_id: int, count: int) -> None:
    """Classify one chunk of a backfill; routed to the `low` queue."""
    services.backfill_chunk_process(run_id=run_id, first_id=first_id, last_id=last_id, count=count)


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=270)
def build_list_anchors(project_id: int) -> int:
    """The threads list's deep-page anchors of one project (`threads/paging.py`): one index scan."""
    from threads import paging

    return paging.anchors_build_task(project_id=project_id)


@shared_task(ignore_result=True, time_limit=60)
def send_weekly_usage_reports() -> int:
    """Weekly (beat): one report task per team for the week that just ended."""
    period_end = services.report_period_end().isoformat()
    team_ids = services.usage_report_team_ids()
    for team_id in team_ids:
        send_team_usage_report.delay(team_id, period_end)
    return len(team_ids)


@shared_task(
    acks_late=True,
    ignore_result=True,
    time_limit=120,
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_team_usage_report(team_id: int, period_end: str) -> None:
    services.usage_report_send(team_id=team_id, period_end=datetime.fromisoformat(period_end))

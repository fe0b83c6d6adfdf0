"""Classification of threads: the classifier is called for the first question of unlabelled threads,
many at once in threads (the calls are I/O-bound), and labels are written with a conditional write
that never replaces a label a person set."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from threads.classifier import Classifier, DummyClassifier
from threads.models import Category, Thread
from threads.outbox import Outbox
from threads.selectors import category_options_for_projects
from threads.services.categories import categories_seed_defaults

logger = logging.getLogger(__name__)

FLUSH_EVERY = 64  # labels written per UPDATE batch while the other calls continue
SWEEP_CLAIM_SECONDS = 15 * 60


def classifier_get() -> Classifier:
    return DummyClassifier(delay=getattr(settings, "THREADS_CLASSIFIER_DELAY", 2.0))


def classify_concurrency() -> int:
    return max(1, getattr(settings, "THREADS_CLASSIFY_CONCURRENCY", 64))


def backfill_concurrency() -> int:
    """Classifier calls in flight per backfill chunk task (`THREADS_BACKFILL_CONCURRENCY`, 128)."""
    return max(1, getattr(settings, "THREADS_BACKFILL_CONCURRENCY", 128))


@dataclass
class ClassifyOutcome:
    labelled: int = 0  # labels written now
    skipped: int = 0  # labelled meanwhile (a person, or another job) or the project has no categories
    failed: int = 0  # the classifier raised or answered something that is not one of the categories
    errors: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.labelled + self.skipped + self.failed


def thread_label_by_classifier(*, thread_ids: list[int], category_id: int) -> int:
    """Label the threads that are still unlabelled. The condition is in the UPDATE itself, so a label a
    person wrote after the classifier read the thread (or while it was thinking) is never replaced; on
    Postgres the UPDATE waits for a concurrent relabel and re-checks the condition after it commits."""
    try:
        with transaction.atomic():
            return Thread.objects.filter(pk__in=thread_ids, category_source__isnull=True).update(
                category_id=category_id, category_source=Thread.Source.CLASSIFIER, labelled_at=timezone.now()
            )
    except IntegrityError:  # the category was deleted meanwhile: leave them unlabelled for the next pass
        logger.info("Category %s vanished while labelling %d threads", category_id, len(thread_ids))
        return 0


def threads_label_by_classifier(*, labels: dict[int, list[int]]) -> int:
    """`thread_label_by_classifier` for many categories at once: `{category_id: [thread ids]}`. On Postgres
    one `UPDATE ... FROM (VALUES (thread, category), ...) WHERE ... AND category_source IS NULL` whatever
    the number of categories (a backfill batch spans many projects, so per category it was one UPDATE
    for every few threads); same condition, so a person's label is still never replaced. If a category
    was deleted meanwhile (a foreign-key error), it falls back to one UPDATE per category."""
    pairs = [(pk, category_id) for category_id, ids in labels.items() for pk in ids]
    if not pairs:
        return 0
    if connection.vendor != "postgresql" or len(labels) == 1:
        return sum(thread_label_by_classifier(thread_ids=ids, category_id=c) for c, ids in labels.items())
    table = Thread._meta.db_table
    values = ", ".join(["(%s::bigint, %s::bigint)"] * len(pairs))
    # The table is the model's and every value a placeholder.
    sql = (
        f"UPDATE {table} AS t SET category_id = v.category_id, category_source = %s, labelled_at = %s "  # noqa: S608
        f"FROM (VALUES {values}) AS v(id, category_id) WHERE t.id = v.id AND t.category_source IS NULL"
    )
    params: list[object] = [Thread.Source.CLASSIFIER.value, timezone.now()]
    for pair in pairs:
        params.extend(pair)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
    except IntegrityError:
        return sum(thread_label_by_classifier(thread_ids=ids, category_id=c) for c, ids in labels.items())


def threads_classify(
    *,
    thread_ids: Iterable[int] | None = None,
    id_range: tuple[int, int] | None = None,
    project_id: int | None = None,
    classifier: Classifier | None = None,
    concurrency: int | None = None,
) -> ClassifyOutcome:
    """Classify the still-unlabelled threads among `thread_ids` (or with ids in `id_range`, inclusive),
    optionally of one project. Classifier calls run `concurrency` at a time in threads; only this thread
    touches the database. Idempotent: labelled threads are not sent to the classifier again."""
    rows = Thread.objects.filter(category_source__isnull=True)
    if thread_ids is not None:
        rows = rows.filter(pk__in=list(thread_ids))
    if id_range is not None:
        rows = rows.filter(pk__gte=id_range[0], pk__lte=id_range[1])
    if project_id is not None:
        rows = rows.filter(project_id=project_id)
    todo = list(rows.order_by("pk").values_list("pk", "project_id", "first_question"))
    outcome = ClassifyOutcome()
    if not todo:
        return outcome
    project_ids = {p for _, p, _ in todo}
    categories_seed_defaults(project_ids=project_ids)
    options = category_options_for_projects(project_ids=project_ids)
    work = []
    for pk, pid, question in todo:
        if options.get(pid):
            work.append((pk, pid, question))
        else:
            outcome.skipped += 1  # a project with no categories: nothing to choose from
    classifier = classifier or classifier_get()
    concurrency = min(concurrency or classify_concurrency(), max(1, len(work)))
    pending: dict[int, list[int]] = defaultdict(list)

    def flush() -> None:
        written = threads_label_by_classifier(labels=pending)
        outcome.labelled += written
        outcome.skipped += sum(len(ids) for ids in pending.values()) - written
        pending.clear()

    def record(pk: int, pid: int, call) -> None:
        try:
            chosen = call()
        except Exception as exc:
            outcome.failed += 1
            outcome.errors.append(f"thread {pk}: {type(exc).__name__}: {exc}")
            return
        if chosen not in {o.id for o in options[pid]}:
            outcome.failed += 1
            outcome.errors.append(f"thread {pk}: the classifier chose {chosen!r}, not one of the categories")
            return
        pending[chosen].append(pk)

    if concurrency == 1:
        for pk, pid, question in work:
            record(pk, pid, lambda q=question, p=pid: classifier.classify(q, options[p]))
        flush()
        return outcome
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="classify") as pool:
        futures = {pool.submit(classifier.classify, q, options[pid]): (pk, pid) for pk, pid, q in work}
        for done, future in enumerate(as_completed(futures), start=1):
            pk, pid = futures[future]
            record(pk, pid, future.result)
            if done % FLUSH_EVERY == 0:
                flush()
    flush()
    return outcome


def classification_publish(*, thread_id: int) -> bool:
    """Hand a thread to live classification (`threads/live.py`: a Redis list drained in concurrent
    batches by `classify_live` tasks on the `live` queue). Never raises: when Redis or the broker is
    down the chat has already been answered and saved, and the periodic sweep labels the thread later.
    Publishing does not retry, so an outage costs a refused connection, not a wait."""
    from threads import live

    try:
        live.push([thread_id])
    except Exception as exc:
        logger.warning("Could not enqueue classification of thread %s (%s); the sweep will label it", thread_id, exc)
        return False
    return True


_outbox = Outbox(lambda thread_id: classification_publish(thread_id=thread_id))


def classification_outbox() -> Outbox:
    return _outbox


def classification_enqueue(*, thread_id: int) -> bool:
    """Send a new thread to the workers; the chat calls it after its transaction commits. By default
    (`THREADS_CLASSIFY_PUBLISH="background"`) the id goes to this process's outbox thread, so the
    request does no broker I/O at all; "inline" publishes here (also when tasks run eagerly)."""
    from config.celery import app

    if getattr(settings, "THREADS_CLASSIFY_PUBLISH", "background") == "background" and not app.conf.task_always_eager:
        return _outbox.submit(thread_id)
    return classification_publish(thread_id=thread_id)


def sweep_candidates(*, now=None, limit: int | None = None) -> list[int]:
    """Recent threads still unlabelled after the grace period (their job was lost, or failed), in projects
    that have categories, each claimed for `SWEEP_CLAIM_SECONDS` so successive sweeps do not pile up
    duplicates while a job waits in the queue. Older unlabelled threads are the backfill's."""
    now = now or timezone.now()
    grace = timedelta(seconds=getattr(settings, "THREADS_SWEEP_GRACE_SECONDS", 60))
    lookback = timedelta(hours=getattr(settings, "THREADS_SWEEP_LOOKBACK_HOURS", 24))
    limit = limit or getattr(settings, "THREADS_SWEEP_LIMIT", 2000)
    candidates = list(
        Thread.objects.filter(category_source__isnull=True, created_at__gte=now - lookback, created_at__lte=now - grace)
        .filter(Exists(Category.objects.filter(project_id=OuterRef("project_id"))))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return [pk for pk in candidates if cache.add(f"threads:sweep-claim:{pk}", 1, SWEEP_CLAIM_SECONDS)]


def sweep_enqueue(*, batch_size: int = 64, now=None) -> int:
    """Push the sweep's candidates onto the live classification list (drained in batches on the `live`
    queue, ahead of any backfill); returns how many threads."""
    from threads import live

    ids = sweep_candidates(now=now)
    for start in range(0, len(ids), batch_size):
        live.push(ids[start : start + batch_size])
    return len(ids)


LIVE_TASK_BUDGET_SECONDS = 60


def classify_live_batch(*, budget_seconds: float | None = None) -> ClassifyOutcome:
    """The `classify_live` task: batches of the live list, each classified concurrently, one after the
    other while ids keep coming, for up to `budget_seconds` (then the next task carries on). Once a
    worker process runs one it stays on live work for the whole burst instead of queueing behind
    backfill chunks for every batch."""
    import time

    from threads import live

    budget = LIVE_TASK_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    deadline = time.monotonic() + budget
    total = ClassifyOutcome()
    while True:
        ids = live.pop()
        if not ids:
            return total
        outcome = threads_classify(thread_ids=ids)
        for error in outcome.errors[:5]:
            logger.warning("live classification: %s", error)
        total.labelled += outcome.labelled
        total.skipped += outcome.skipped
        total.failed += outcome.failed
        if time.monotonic() >= deadline:
            if live.pending():
                live.push([])  # hand over: make sure a task is coming for what is left
            return total

"""Background work: index builds and periodic snapshots. Thin: each calls one service."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init

from vectordb import services
from vectordb.models import Library


@worker_process_init.connect
def _warm_compiled_search(**kwargs) -> None:
    """Each worker process loads the compiled search in the background as it starts."""
    from vectordb.warmup import start_jit_warmup

    start_jit_warmup()


@shared_task(acks_late=True, time_limit=3600, soft_time_limit=3500)
def index_build_run(build_id: int) -> None:
    """Run one queued index build (idempotent: a finished build is not run again)."""
    services.index_build_execute(build_id=build_id)


@shared_task(time_limit=1800, soft_time_limit=1700)
def index_snapshots_refresh(min_changes: int = 1000) -> int:
    """Save a fresh snapshot of every library with `min_changes` writes since its last one."""
    saved = 0
    for library_id in Library.objects.values_list("id", flat=True):
        if services.index_snapshot_save(library_id=library_id, min_changes=min_changes) is not None:
            saved += 1
    return saved


@shared_task(time_limit=120)
def index_builds_sweep() -> dict[str, int]:
    """Fail builds stranded in `running`, requeue builds stuck in `queued` (beat, every 5 min)."""
    return services.index_builds_sweep()


@shared_task(time_limit=1800, soft_time_limit=1700)
def index_snapshot_refresh(library_id: int) -> bool:
    """Save a snapshot of one library after a large write (queued on commit, off the request)."""
    return services.index_snapshot_save(library_id=library_id, min_changes=1) is not None

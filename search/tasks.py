"""Background jobs of the search app."""

from celery import shared_task

from search.services import search_index_heal, search_index_rebuild


@shared_task(name="search.tasks.rebuild_index", acks_late=True, time_limit=900, soft_time_limit=840)
def rebuild_index() -> int:
    """Rebuild the geo index from the database. Idempotent (it replaces the index whole), so it may
    run twice. Scheduled as a safety net: the index normally follows every change through fleet
    events, but a change made while Redis was unreachable is only logged by the receiver."""
    return search_index_rebuild()


@shared_task(name="search.tasks.heal_index", time_limit=900, soft_time_limit=840)
def heal_index() -> str:
    """Every minute: a missing index (Redis flushed or restarted empty) is rebuilt at once, not 6 h later."""
    return search_index_heal(background=False, force=True)

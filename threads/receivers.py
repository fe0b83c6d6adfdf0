"""Reactions to other apps' domain events."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def seed_categories_of_new_project(sender, project_id: int, **kwargs) -> None:
    """A new project starts with the default categories. Must not raise into accounts: a failure here is
    repaired on the project's first use of categories (they are seeded lazily too)."""
    from threads.services import categories_seed_defaults

    try:
        categories_seed_defaults(project_ids=[project_id])
    except Exception:
        logger.exception("Could not seed the default categories of project %s", project_id)

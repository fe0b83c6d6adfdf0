"""Writes of a project's categories, and the defaults every project starts with."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from threads.models import Category, CategorySeed, Thread

logger = logging.getLogger(__name__)

DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Discovery", "A user trying to figure out how to do something."),
    ("Troubleshooting", "A user asking for help with a problem."),
)
NAME_MAX_LENGTH = 100


def max_categories() -> int:
    return getattr(settings, "THREADS_MAX_CATEGORIES", 50)


def categories_seed_defaults(*, project_ids: Iterable[int]) -> list[int]:
    """Give each project its default categories, once in its life (a team that deletes them does not get
    them back). Returns the projects seeded now. One query when every project is already seeded."""
    wanted = set(project_ids)
    if not wanted:
        return []
    done = set(CategorySeed.objects.filter(project_id__in=wanted).values_list("project_id", flat=True))
    seeded = []
    for project_id in sorted(wanted - done):
        if _seed_one(project_id=project_id):
            seeded.append(project_id)
    return seeded


@transaction.atomic
def _seed_one(*, project_id: int) -> bool:
    _, created = CategorySeed.objects.get_or_create(project_id=project_id)
    if not created:  # another process won the race
        return False
    existing = {n.lower() for n in Category.objects.filter(project_id=project_id).values_list("name", flat=True)}
    Category.objects.bulk_create(
        [
            Category(project_id=project_id, name=name, description=description)
            for name, description in DEFAULT_CATEGORIES
            if name.lower() not in existing
        ]
    )
    return True


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ValidationError({"name": ["A category needs a name."]})
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValidationError({"name": [f"A category name has at most {NAME_MAX_LENGTH} characters."]})
    return cleaned


def _check_unique(*, project_id: int, name: str, exclude_id: int | None = None) -> None:
    clash = Category.objects.filter(project_id=project_id, name__iexact=name)
    if exclude_id is not None:
        clash = clash.exclude(pk=exclude_id)
    if clash.exists():
        raise ValidationError({"name": [f"This project already has a category named {name!r} (names ignore case)."]})


@transaction.atomic
def category_create(*, project_id: int, name: str, description: str = "") -> Category:
    categories_seed_defaults(project_ids=[project_id])  # the defaults come first, whatever is created next
    name = _clean_name(name)
    _check_unique(project_id=project_id, name=name)
    if Category.objects.filter(project_id=project_id).count() >= max_categories():
        raise ValidationError(
            {"name": [f"A project has at most {max_categories()} categories; delete one before adding another."]}
        )
    try:
        with transaction.atomic():
            return Category.objects.create(project_id=project_id, name=name, description=description.strip())
    except IntegrityError:  # a concurrent create with the same name won
        raise ValidationError({"name": [f"This project already has a category named {name!r} (names ignore case)."]})


@transaction.atomic
def category_update(*, category: Category, name: str | None = None, description: str | None = None) -> Category:
    """Rename or re-describe. Threads carry the category itself, so a rename shows on every thread that
    has it; labels already given are kept (a new description guides only future classification)."""
    fields = ["updated_at"]
    if name is not None:
        category.name = _clean_name(name)
        _check_unique(project_id=category.project_id, name=category.name, exclude_id=category.pk)
        fields.append("name")
    if description is not None:
        category.description = description.strip()
        fields.append("description")
    try:
        with transaction.atomic():
            category.save(update_fields=fields)
    except IntegrityError:
        raise ValidationError({"name": [f"This project already has a category named {category.name!r}."]})
    return category


@transaction.atomic
def category_delete(*, category: Category) -> int:
    """Delete a category. Its threads become unlabelled (whoever labelled them) and, once this commits,
    a backfill of the project is started on the `low` queue, so the classifier labels them again among
    the remaining categories. Returns how many threads lost the label."""
    Category.objects.select_for_update().filter(pk=category.pk).first()  # serialise with relabels
    released = Thread.objects.filter(category_id=category.pk).update(
        category_id=None, category_source=None, labelled_at=None
    )
    project_id = category.project_id
    category.delete()
    if released:
        transaction.on_commit(partial(relabel_project_start, project_id=project_id))
    return released


def relabel_project_start(*, project_id: int) -> None:
    """Start (or restart) a backfill of one project on the workers. Never raises: if the broker is down
    the threads stay unlabelled for the sweep (recent ones) or the next backfill."""
    from threads.services.backfill import backfill_start
    from threads.tasks import backfill_plan

    try:
        run = backfill_start(project_id=project_id, new=True)
        backfill_plan.delay(run.pk)
    except Exception:
        logger.exception("Could not start relabelling project %s", project_id)

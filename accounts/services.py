"""Writes of the accounts domain."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.events import project_created
from accounts.models import ApiKey, Project, Team, TeamMembership, User, generate_api_key, hash_api_key
from accounts.selectors import REDIS_DOWN

logger = logging.getLogger(__name__)


@transaction.atomic
def team_create(*, name: str, slug: str | None = None, owner: User | None = None) -> Team:
    team = Team.objects.create(name=name, slug=slug or slugify(name))
    if owner is not None:
        TeamMembership.objects.create(team=team, user=owner, role=TeamMembership.Role.OWNER)
    return team


@transaction.atomic
def team_member_add(*, team: Team, user: User, role: str = TeamMembership.Role.MEMBER) -> TeamMembership:
    membership, _ = TeamMembership.objects.update_or_create(team=team, user=user, defaults={"role": role})
    return membership


@transaction.atomic
def project_create(*, team: Team, name: str, slug: str | None = None, description: str = "") -> Project:
    project = Project.objects.create(team=team, name=name, slug=slug or slugify(name), description=description)
    transaction.on_commit(lambda: project_created.send_robust(sender=Project, project_id=project.pk))
    return project


def api_key_assign_secret(*, api_key: ApiKey) -> str:
    """Give an unsaved key its secret; returns the raw key, which is never stored."""
    raw, prefix = generate_api_key()
    api_key.prefix = prefix
    api_key.hashed_key = hash_api_key(raw)
    return raw


@transaction.atomic
def api_key_create(
    *,
    project: Project,
    name: str,
    expires_at: datetime | None = None,
    created_by: User | None = None,
) -> tuple[ApiKey, str]:
    """Create a key; returns it and its raw secret (show it once, it cannot be recovered)."""
    api_key = ApiKey(project=project, name=name, expires_at=expires_at, created_by=created_by)
    raw = api_key_assign_secret(api_key=api_key)
    api_key.save()
    return api_key, raw


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
        api_key_forget(api_key=api_key)
    return api_key


def api_key_touch(*, api_key_id: int) -> datetime:
    """Record that a key was used. Called when authentication reads the key from the database,
    i.e. at most once per cache period, so requests do not write."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key_id).update(last_used_at=now)
    return now


def api_key_forget(*, api_key: ApiKey) -> None:
    """Drop a key from the authentication cache once the current transaction commits: from this
    process's cache of verified keys at once (the others drop it within API_KEY_LOCAL_CACHE_SECONDS),
    and from Redis.

    Redis unreachable (down, or cut off from this process): the change is committed all the same,
    and the delete is retried in the background every second until Redis answers, for up to
    API_KEY_CACHE_SECONDS (after which the entry has expired by itself). Meanwhile processes that
    cannot reach Redis either read the key from the database within API_KEY_FALLBACK_CACHE_SECONDS."""
    from accounts.selectors import api_key_cache_key, api_key_local_forget

    hashed = api_key.hashed_key
    cache_key = api_key_cache_key(hashed)

    def forget() -> None:
        try:
            _cache_delete_until_done(cache_key)
        finally:
            api_key_local_forget(hashed)

    transaction.on_commit(forget)


def _cache_delete_until_done(cache_key: str) -> None:
    try:
        cache.delete(cache_key)
    except REDIS_DOWN:
        logger.warning("Redis is unreachable: retrying the removal of a changed API key from the cache")
        threading.Thread(target=_cache_delete_retry, args=(cache_key,), name="api-key-forget", daemon=True).start()


def _cache_delete_retry(cache_key: str) -> None:
    give_up = time.monotonic() + settings.API_KEY_CACHE_SECONDS
    while time.monotonic() < give_up:
        time.sleep(1.0)
        try:
            cache.delete(cache_key)
        except REDIS_DOWN:
            continue
        logger.info("a changed API key was removed from the cache once Redis answered again")
        return


@transaction.atomic
def api_key_update(*, api_key: ApiKey, name: str, expires_at: datetime | None) -> ApiKey:
    api_key.name = name
    api_key.expires_at = expires_at
    api_key.save(update_fields=["name", "expires_at"])
    api_key_forget(api_key=api_key)
    return api_key


@transaction.atomic
def api_key_delete(*, api_key: ApiKey) -> None:
    api_key_forget(api_key=api_key)
    api_key.delete()

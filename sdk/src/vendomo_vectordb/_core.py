"""The sans-I/O core shared by `VectorDB` and `AsyncVectorDB`.

Every API operation (`_operations`) is written once as a generator (an `Op`) that yields the I/O it
needs, `Send(method, path, json, params)` or `Sleep(seconds)`, and receives the outcome back (an
`httpx.Response`, or the `httpx.TransportError` the send raised). Request building, retry decisions
and backoff, response decoding into typed models and exceptions, paging and polling live here; the two
clients only perform the I/O (`run_sync` here, `AsyncVectorDB._run` in `aio`).
"""

from __future__ import annotations

import functools
import inspect
import math
import os
import random
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import httpx

from vendomo_vectordb.errors import APIError, TransportError, VectorDBError
from vendomo_vectordb.models import Page

DEFAULT_URL = "http://127.0.0.1:8000"
API = "/api/vectordb"
USER_AGENT = "vendomo-vectordb-python/0.1"
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_IDEMPOTENT_METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")
_UNSET: Any = object()
T = TypeVar("T")


class _Polled(Protocol):
    @property
    def status(self) -> str: ...


P = TypeVar("P", bound=_Polled)


@dataclass(frozen=True)
class Send:
    """Send one HTTP request; the driver answers with the `httpx.Response` or the `httpx.TransportError`."""

    method: str
    path: str
    json: Any = None
    params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Sleep:
    """Wait `seconds` (with the client's `sleep`); the driver answers None."""

    seconds: float


Effect = Send | Sleep
Op = Generator[Effect, Any, T]


class Settings(Protocol):
    """What the core reads from a client."""

    base_url: str
    max_retries: int
    backoff: float
    max_backoff: float


def connection_settings(
    base_url: str | None, api_key: str | None, headers: Mapping[str, str] | None, agent: str
) -> tuple[str, dict[str, str]]:
    """The base URL (`$VENDOMO_URL`, else the default) and the headers (key from `$VENDOMO_API_KEY`)."""
    base_url = (base_url or os.environ.get("VENDOMO_URL") or DEFAULT_URL).rstrip("/")
    api_key = api_key if api_key is not None else os.environ.get("VENDOMO_API_KEY")
    all_headers = {"Accept": "application/json", "User-Agent": agent}
    if api_key:
        all_headers["X-API-KEY"] = api_key
    all_headers.update(headers or {})
    return base_url, all_headers


def run_sync(op: Op[T], send: Callable[[Send], Any], sleep: Callable[[float], None]) -> T:
    """Drive `op` with blocking I/O."""
    reply: Any = None
    try:
        while True:
            effect = op.send(reply)
            if isinstance(effect, Sleep):
                sleep(effect.seconds)
                reply = None
            else:
                reply = send(effect)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    finally:
        op.close()


F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)


def as_method(method: F, operation: Callable[..., Any], returns: str) -> F:
    """`method`, which runs `operation`, documented as the public method: the operation's docstring and
    signature (its `client` parameter stands for `self`), returning `returns` (`{}` is the operation's
    result type) instead of an `Op`."""
    functools.update_wrapper(method, operation)
    signature = inspect.signature(operation)
    result = str(signature.return_annotation)
    result = result[result.index("[") + 1 : -1]
    client, *_ = signature.parameters
    annotations = {k: v for k, v in operation.__annotations__.items() if k != client}
    method.__annotations__ = {**annotations, "return": returns.format(result)}
    method.__signature__ = signature.replace(return_annotation=returns.format(result))  # type: ignore[attr-defined]
    return method


def named_methods(cls: C) -> C:
    """Name the methods made by `as_method` after the attributes that hold them (not their operations)."""
    for name, value in vars(cls).items():
        if hasattr(value, "__wrapped__"):
            value.__name__ = name
            value.__qualname__ = f"{cls.__name__}.{name}"
    return cls


def http_kwargs(effect: Send) -> dict[str, Any]:
    return {"json": effect.json, "params": effect.params}


# --- request building and decoding -----------------------------------------------------------------


def _vector(value: Any) -> list[float] | None:
    """A list of floats from a list, tuple or array-like (numpy: `.tolist()`)."""
    if value is None:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    vector = [float(x) for x in value]
    if not all(math.isfinite(x) for x in vector):
        raise ValueError("the embedding contains NaN or infinity")
    return vector


def _drop_unset(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not _UNSET}


def _given(body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """`body` plus the `fields` that are not None (mappings copied to dicts)."""
    for key, value in fields.items():
        if value is not None:
            body[key] = dict(value) if isinstance(value, Mapping) else value
    return body


def query_body(
    *,
    embedding: Any,
    text: str | None,
    k: int,
    filter: Mapping[str, Any] | None,
    index: str | None,
    params: Mapping[str, Any] | None,
    explain: bool,
    fields: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The JSON body of a query (exactly one of `embedding` or `text`)."""
    if (embedding is None) == (text is None):
        raise ValueError("give exactly one of `embedding` or `text`")
    if isinstance(fields, str):
        raise TypeError("`fields` is a list of field names, not one string")
    body: dict[str, Any] = {"k": k, "explain": explain}
    if embedding is not None:
        body["embedding"] = _vector(embedding)
    else:
        body["text"] = text
    return _given(body, filter=filter, index=index, params=params, fields=None if fields is None else list(fields))


def retry_delay(attempt: int, response: httpx.Response | None, backoff: float, max_backoff: float) -> float:
    """Seconds before retry number `attempt + 1`: `Retry-After` if the server sent one, else exponential
    backoff with jitter (so clients that failed together retry apart)."""
    if response is not None:
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.replace(".", "", 1).isdigit():
            return min(float(retry_after), max_backoff)
    base = min(max_backoff, backoff * (2.0**attempt))
    return base * (0.5 + random.random() / 2)


def decode(response: httpx.Response) -> Any:
    """The decoded JSON body (None when empty), or the typed `APIError` of an error status."""
    if response.status_code >= 400:
        raise APIError.from_response(response)
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise VectorDBError(f"the server answered {response.status_code} with a non-JSON body") from exc


def request(
    client: Settings,
    method: str,
    path: str,
    *,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    idempotent: bool | None = None,
) -> Op[Any]:
    """One request with retries; the decoded JSON body (None for 204).

    Retried on 429/5xx and on connections never made; a connection that broke after the request was
    sent only when the request is safe to repeat (`idempotent`, by default from the method)."""
    if idempotent is None:
        idempotent = method in _IDEMPOTENT_METHODS
    attempt = 0
    while True:
        outcome = yield Send(method, path, json, params)
        response: httpx.Response | None = None
        if isinstance(outcome, _NEVER_SENT):
            failure: Exception = outcome
            retryable = True
        elif isinstance(outcome, httpx.TransportError):  # sent, maybe processed: repeat only what is safe
            failure = outcome
            retryable = idempotent
        else:
            response = outcome
            if response.status_code not in _RETRY_STATUSES:
                return decode(response)
            failure = APIError.from_response(response)
            retryable = True
        if not retryable or attempt >= client.max_retries:
            if isinstance(failure, APIError):
                raise failure
            raise TransportError(
                f"{method} {client.base_url}{path} failed after {attempt + 1} attempt(s): "
                f"{type(failure).__name__}: {failure}"
            ) from failure
        yield Sleep(retry_delay(attempt, response, client.backoff, client.max_backoff))
        attempt += 1


def _fetch(client: Settings, parse: Callable[[Any], T], method: str, path: str, **kwargs: Any) -> Op[T]:
    return parse((yield from request(client, method, path, **kwargs)))


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A list endpoint walked page by page (`VectorDB._iterate`, `AsyncVectorDB._iterate`)."""

    client: Settings
    path: str
    parse: Callable[[dict[str, Any]], T]
    params: dict[str, Any]
    page_size: int = 100

    def page(self, offset: int, limit: int | None = None) -> Op[Page[T]]:
        params = {**self.params, "limit": self.page_size if limit is None else limit, "offset": offset}
        clean = {k: v for k, v in params.items() if v is not None}
        return Page.from_api((yield from request(self.client, "GET", self.path, params=clean)), self.parse)

    @staticmethod
    def next_offset(page: Page[Any], offset: int) -> int | None:
        """Where the next page starts, or None after the last one."""
        offset += len(page.results)
        return None if not page.results or offset >= page.count else offset


def _poll(
    get: Callable[[], Op[P]],
    *,
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[P], None] | None,
    failed: Callable[[P], Exception],
    timed_out: Callable[[P], Exception],
) -> Op[P]:
    """Fetch with `get` until the `status` is final; raise `failed(x)` or, after `timeout`, `timed_out(x)`."""
    deadline = time.monotonic() + timeout
    while True:
        current = yield from get()
        if on_progress is not None:
            on_progress(current)
        if current.status == "succeeded":
            return current
        if current.status in ("failed", "cancelled"):  # a cancelled pipeline run ends without a result
            raise failed(current)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise timed_out(current)
        yield Sleep(min(poll_interval, remaining))

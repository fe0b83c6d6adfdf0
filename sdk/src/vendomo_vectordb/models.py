"""What the API returns, as typed dataclasses. Each keeps the raw JSON in `raw`.

Every id (of a project, library, document, chunk, index build or pipeline run) is the server's
public id, a UUID, kept as its text (`str`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Generic, NotRequired, Self, TypedDict, TypeVar
from uuid import UUID

T = TypeVar("T")

#: What an id argument takes: the UUID's text (as the API returns it) or a `uuid.UUID`.
Id = str | UUID


def _dt(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


_Read = Callable[[dict[str, Any], str], Any]


def _same(value: Any) -> Any:
    return value


def _key(convert: Callable[[Any], Any] = _same) -> dict[str, _Read]:
    """A field the API always sends: `convert(data[name])`."""
    return {"read": lambda data, name: convert(data[name])}


def _get(default: Any, convert: Callable[[Any], Any] = _same) -> dict[str, _Read]:
    """An optional field: `convert(data.get(name, default))`."""
    return {"read": lambda data, name: convert(data.get(name, default))}


def _or(empty: Callable[[], Any], convert: Callable[[Any], Any] = _same) -> dict[str, _Read]:
    """A field that may be missing or null: `convert(data.get(name) or empty())`."""
    return {"read": lambda data, name: convert(data.get(name) or empty())}


def _time() -> dict[str, _Read]:
    """An optional ISO 8601 timestamp."""
    return {"read": lambda data, name: _dt(data.get(name))}


def _raw() -> dict[str, _Read]:
    """The whole JSON object, as received."""
    return {"read": lambda data, name: data}


class _Model:
    """A dataclass whose fields' metadata says how `from_api` reads each from the API's JSON object
    (`_key`, `_get`, `_or`, `_time`, `_raw`)."""

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Self:
        values = {f.name: f.metadata["read"](data, f.name) for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**values)


@dataclass(frozen=True)
class Library(_Model):
    id: str = field(metadata=_key(str))
    project: str = field(metadata=_key(str))
    name: str = field(metadata=_key())
    description: str = field(metadata=_get(""))
    metadata: dict[str, Any] = field(metadata=_or(dict))
    dimension: int = field(metadata=_key(int))
    metric: str = field(metadata=_key())
    index_type: str = field(metadata=_key())
    index_params: dict[str, Any] = field(metadata=_or(dict))
    embedding_provider: str | None = field(metadata=_get(None))
    version: int = field(metadata=_get(0, int))
    index_generation: int = field(metadata=_get(0, int))
    created_at: datetime | None = field(metadata=_time())
    updated_at: datetime | None = field(metadata=_time())
    raw: dict[str, Any] = field(repr=False, compare=False, metadata=_raw())


@dataclass(frozen=True)
class Document(_Model):
    id: str = field(metadata=_key(str))
    library: str = field(metadata=_key(str))
    title: str = field(metadata=_get(""))
    metadata: dict[str, Any] = field(metadata=_or(dict))
    created_at: datetime | None = field(metadata=_time())
    updated_at: datetime | None = field(metadata=_time())
    raw: dict[str, Any] = field(repr=False, compare=False, metadata=_raw())


@dataclass(frozen=True)
class Chunk(_Model):
    id: str = field(metadata=_key(str))
    document_id: str = field(metadata=_key(str))
    text: str = field(metadata=_get(""))
    metadata: dict[str, Any] = field(metadata=_or(dict))
    embedding: list[float] | None = field(metadata=_get(None))
    seq: int = field(metadata=_get(0, int))
    created_at: datetime | None = field(metadata=_time())
    updated_at: datetime | None = field(metadata=_time())
    raw: dict[str, Any] = field(repr=False, compare=False, metadata=_raw())


class ChunkInput(TypedDict):
    """A chunk to upload: `embedding` may be left out when the library has an `embedding_provider`
    (the server embeds `text`); set `id` to replace an existing chunk (which makes a retry harmless)."""

    document_id: str  # the document's id (a UUID)
    text: NotRequired[str]
    embedding: NotRequired[Any]  # a list of floats or anything with .tolist() (a numpy array)
    metadata: NotRequired[dict[str, Any]]
    id: NotRequired[str]  # a chunk's id (a UUID)


def _hit_field(convert: Callable[[Any], Any], null: Callable[[], Any] | None = None) -> dict[str, _Read]:
    """A hit's field: None when the query's `fields` left it out; `null()` for a JSON null."""

    def read(data: dict[str, Any], name: str) -> Any:
        if name not in data:
            return None
        value = data[name]
        if value is None:
            return null() if null is not None else None
        return convert(value)

    return {"read": read}


#: The fields of a hit, in the order the server sends them (`query(..., fields=...)` names a subset).
HIT_FIELDS = ("chunk_id", "score", "text", "metadata", "document_id", "document_title")


@dataclass(frozen=True)
class Hit(_Model):
    """One hit. A query with `fields` gets only those: the others are None (a full hit has all)."""

    chunk_id: str | None = field(metadata=_hit_field(str))
    score: float | None = field(metadata=_hit_field(float))
    text: str | None = field(metadata=_hit_field(str, str))
    metadata: dict[str, Any] | None = field(metadata=_hit_field(dict, dict))
    document_id: str | None = field(metadata=_hit_field(str))
    document_title: str | None = field(metadata=_hit_field(str, str))


@dataclass(frozen=True)
class QueryResult:
    hits: list[Hit]
    plan: dict[str, Any] | None = None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> Hit:
        return self.hits[index]


@dataclass(frozen=True)
class IndexBuild(_Model):
    id: str = field(metadata=_key(str))
    library: str = field(metadata=_key(str))
    index_type: str = field(metadata=_key())
    index_params: dict[str, Any] = field(metadata=_or(dict))
    status: str = field(metadata=_key())  # queued, running, succeeded, failed
    progress: float = field(metadata=_or(float, float))  # 0 to 1
    message: str = field(metadata=_get(""))
    error: str = field(metadata=_get(""))
    seq: int | None = field(metadata=_get(None))
    vector_count: int = field(metadata=_or(int, int))
    created_at: datetime | None = field(metadata=_time())
    started_at: datetime | None = field(metadata=_time())
    finished_at: datetime | None = field(metadata=_time())
    raw: dict[str, Any] = field(repr=False, compare=False, metadata=_raw())

    @property
    def done(self) -> bool:
        return self.status in ("succeeded", "failed")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: `results`, and `count` of all items."""

    count: int
    limit: int
    offset: int
    results: list[T]

    @classmethod
    def from_api(cls, data: dict[str, Any], parse: Callable[[dict[str, Any]], T]) -> Page[T]:
        return cls(
            count=int(data["count"]),
            limit=int(data["limit"]),
            offset=int(data["offset"]),
            results=[parse(item) for item in data["results"]],
        )


@dataclass(frozen=True)
class BulkUploadResult:
    ids: list[str]
    batches: int

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class PipelineStep(_Model):
    name: str = field(metadata=_key())  # preprocess, retrieve, rerank, answer
    status: str = field(metadata=_key())  # pending, running, retrying, succeeded, failed
    attempts: int = field(metadata=_or(int, int))
    error: str = field(metadata=_or(str))
    output: Any = field(metadata=_get(None))
    task_id: str | None = field(metadata=_get(None))
    started_at: datetime | None = field(metadata=_time())
    finished_at: datetime | None = field(metadata=_time())


def _steps(steps: list[dict[str, Any]]) -> list[PipelineStep]:
    return [PipelineStep.from_api(step) for step in steps]


@dataclass(frozen=True)
class PipelineRun(_Model):
    """A run of the durable query pipeline (preprocess, retrieve, rerank, answer)."""

    id: str = field(metadata=_key(str))
    library: str = field(metadata=_key(str))
    question: str = field(metadata=_get(""))
    status: str = field(metadata=_key())  # queued, running, succeeded, failed, cancelled
    error: str = field(metadata=_or(str))
    current_step: str | None = field(metadata=_get(None))
    steps: list[PipelineStep] = field(metadata=_get([], _steps))
    result: dict[str, Any] | None = field(metadata=_get(None))  # {"query", "hits", "answer"} once succeeded
    raw: dict[str, Any] = field(repr=False, compare=False, metadata=_raw())

    @property
    def done(self) -> bool:
        return self.status in ("succeeded", "failed", "cancelled")

    @property
    def hits(self) -> list[Hit]:
        return [Hit.from_api(h) for h in (self.result or {}).get("hits", [])]

    @property
    def answer(self) -> dict[str, Any] | None:
        return (self.result or {}).get("answer")

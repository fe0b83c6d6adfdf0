"""What the API returns, as typed dataclasses. Each keeps the raw JSON in `raw`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, NotRequired, TypedDict, TypeVar

T = TypeVar("T")


def _dt(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


@dataclass(frozen=True)
class Library:
    id: int
    project: int
    name: str
    description: str
    metadata: dict[str, Any]
    dimension: int
    metric: str
    index_type: str
    index_params: dict[str, Any]
    embedding_provider: str | None
    version: int
    index_generation: int
    created_at: datetime | None
    updated_at: datetime | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Library:
        return cls(
            id=int(data["id"]),
            project=int(data["project"]),
            name=data["name"],
            description=data.get("description", ""),
            metadata=data.get("metadata") or {},
            dimension=int(data["dimension"]),
            metric=data["metric"],
            index_type=data["index_type"],
            index_params=data.get("index_params") or {},
            embedding_provider=data.get("embedding_provider"),
            version=int(data.get("version", 0)),
            index_generation=int(data.get("index_generation", 0)),
            created_at=_dt(data.get("created_at")),
            updated_at=_dt(data.get("updated_at")),
            raw=data,
        )


@dataclass(frozen=True)
class Document:
    id: int
    library: int
    title: str
    metadata: dict[str, Any]
    created_at: datetime | None
    updated_at: datetime | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=int(data["id"]),
            library=int(data["library"]),
            title=data.get("title", ""),
            metadata=data.get("metadata") or {},
            created_at=_dt(data.get("created_at")),
            updated_at=_dt(data.get("updated_at")),
            raw=data,
        )


@dataclass(frozen=True)
class Chunk:
    id: int
    document_id: int
    text: str
    metadata: dict[str, Any]
    embedding: list[float] | None
    seq: int
    created_at: datetime | None
    updated_at: datetime | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Chunk:
        return cls(
            id=int(data["id"]),
            document_id=int(data["document_id"]),
            text=data.get("text", ""),
            metadata=data.get("metadata") or {},
            embedding=data.get("embedding"),
            seq=int(data.get("seq", 0)),
            created_at=_dt(data.get("created_at")),
            updated_at=_dt(data.get("updated_at")),
            raw=data,
        )


class ChunkInput(TypedDict):
    """A chunk to upload: `embedding` may be left out when the library has an `embedding_provider`
    (the server embeds `text`); set `id` to replace an existing chunk (which makes a retry harmless)."""

    document_id: int
    text: NotRequired[str]
    embedding: NotRequired[Any]  # a list of floats or anything with .tolist() (a numpy array)
    metadata: NotRequired[dict[str, Any]]
    id: NotRequired[int]


@dataclass(frozen=True)
class Hit:
    chunk_id: int
    score: float
    text: str
    metadata: dict[str, Any]
    document_id: int
    document_title: str

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Hit:
        return cls(
            chunk_id=int(data["chunk_id"]),
            score=float(data["score"]),
            text=data.get("text", ""),
            metadata=data.get("metadata") or {},
            document_id=int(data["document_id"]),
            document_title=data.get("document_title", ""),
        )


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
class IndexBuild:
    id: int
    library: int
    index_type: str
    index_params: dict[str, Any]
    status: str  # queued, running, succeeded, failed
    progress: float  # 0 to 1
    message: str
    error: str
    seq: int | None
    vector_count: int
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def done(self) -> bool:
        return self.status in ("succeeded", "failed")

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> IndexBuild:
        return cls(
            id=int(data["id"]),
            library=int(data["library"]),
            index_type=data["index_type"],
            index_params=data.get("index_params") or {},
            status=data["status"],
            progress=float(data.get("progress") or 0.0),
            message=data.get("message", ""),
            error=data.get("error", ""),
            seq=data.get("seq"),
            vector_count=int(data.get("vector_count") or 0),
            created_at=_dt(data.get("created_at")),
            started_at=_dt(data.get("started_at")),
            finished_at=_dt(data.get("finished_at")),
            raw=data,
        )


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
    ids: list[int]
    batches: int

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class PipelineStep:
    name: str  # preprocess, retrieve, rerank, answer
    status: str  # pending, running, retrying, succeeded, failed
    attempts: int
    error: str
    output: Any
    task_id: str | None
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> PipelineStep:
        return cls(
            name=data["name"],
            status=data["status"],
            attempts=int(data.get("attempts") or 0),
            error=data.get("error") or "",
            output=data.get("output"),
            task_id=data.get("task_id"),
            started_at=_dt(data.get("started_at")),
            finished_at=_dt(data.get("finished_at")),
        )


@dataclass(frozen=True)
class PipelineRun:
    """A run of the durable query pipeline (preprocess, retrieve, rerank, answer)."""

    id: str
    library: int
    question: str
    status: str  # queued, running, succeeded, failed
    error: str
    current_step: str | None
    steps: list[PipelineStep]
    result: dict[str, Any] | None  # {"query", "hits", "answer"} once succeeded
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def done(self) -> bool:
        return self.status in ("succeeded", "failed")

    @property
    def hits(self) -> list[Hit]:
        return [Hit.from_api(h) for h in (self.result or {}).get("hits", [])]

    @property
    def answer(self) -> dict[str, Any] | None:
        return (self.result or {}).get("answer")

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> PipelineRun:
        return cls(
            id=str(data["id"]),
            library=int(data["library"]),
            question=data.get("question", ""),
            status=data["status"],
            error=data.get("error") or "",
            current_step=data.get("current_step"),
            steps=[PipelineStep.from_api(s) for s in data.get("steps", [])],
            result=data.get("result"),
            raw=data,
        )

"""Reads of the vector database: listings and the k-nearest-neighbour query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import numpy as np
from django.db import connection
from django.db.models import QuerySet

from core import parsers
from core.exceptions import Unprocessable
from vectordb import schema
from vectordb.engine import planner
from vectordb.engine.filters import FilterError, compile_filter
from vectordb.engine.planner import QueryPlan
from vectordb.models import Chunk, Document, IndexBuild, Library
from vectordb.runtime import registry, state_of
from vectordb.schema import SchemaError

MAX_K = 1000

#: The fields of a hit, in the order they are returned; a query may ask for fewer (`fields`).
HIT_FIELDS = ("chunk_id", "score", "text", "metadata", "document_id", "document_title")
#: Fields the in-memory index knows: a query asking for no others needs no database read for its hits.
MEMORY_FIELDS = frozenset({"score"})
#: Fields answered by a narrow hydration (the public ids, not text or metadata): the index knows
#: chunks and documents by their internal keys only.
ID_FIELDS = frozenset({"chunk_id", "score", "document_id"})


@dataclass(frozen=True)
class QueryHit:
    chunk_id: str  # the public ids (UUIDs)
    score: float
    text: str | None
    metadata: dict | None
    document_id: str | None
    document_title: str | None


def hits_payload(hits: list[QueryHit], fields: tuple[str, ...] = HIT_FIELDS) -> list[dict[str, Any]]:
    """The hits as JSON-ready dicts with `fields` only (what the query views return)."""
    return [{name: getattr(hit, name) for name in fields} for hit in hits]


def library_list(*, project_ids: set[int] | None) -> QuerySet[Library]:
    qs = Library.objects.select_related("project")
    return qs if project_ids is None else qs.filter(project_id__in=project_ids)


def document_list(*, library: Library) -> QuerySet[Document]:
    return Document.objects.filter(library=library).select_related("library")


def chunk_list(*, library: Library, document_uuid: UUID | None = None) -> QuerySet[Chunk]:
    qs = Chunk.objects.filter(library=library).select_related("document")
    return qs if document_uuid is None else qs.filter(document__uuid=document_uuid)


def index_build_list(*, library: Library) -> QuerySet[IndexBuild]:
    return IndexBuild.objects.filter(library=library).select_related("library")


def _query_vector(library: Library, embedding: Any, text: Any) -> np.ndarray:
    if embedding is not None:
        try:
            return schema.clean_embedding(embedding, dimension=library.dimension, metric=library.metric)
        except SchemaError as exc:
            raise Unprocessable(exc.errors) from None
    if text is None:
        raise Unprocessable({"embedding": ["send an embedding (or a text, for a library with an embedding_provider)"]})
    if not isinstance(text, str) or not text.strip():
        raise Unprocessable({"text": ["must be a non-empty string"]})
    from vectordb.services import embed_texts_for

    return embed_texts_for(library=library, texts=[text], input_type="query")[0]


def query_filter(*, library: Library, k: int, index: str | None, filter: dict | None) -> Any:
    """Check a query's `k`, `index` and `filter` (422 naming the field); the compiled filter or None."""
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise Unprocessable({"k": [f"must be an integer from 1 to {MAX_K}"]})
    if index not in (None, "flat", library.index_type):
        raise Unprocessable(
            {"index": [f"this library's index is {library.index_type!r}: query it or 'flat' (exact), or rebuild"]}
        )
    if not filter:
        return None
    try:
        return compile_filter(filter)
    except FilterError as exc:
        raise Unprocessable({"filter": [str(exc)]}) from None


def hit_fields(fields: Any) -> tuple[str, ...] | None:
    """The hit fields asked for, in `HIT_FIELDS` order (None: all); 422 naming an unknown one."""
    if fields is None:
        return None
    if not isinstance(fields, list | tuple) or not fields or not all(isinstance(f, str) for f in fields):
        raise Unprocessable({"fields": [f"a non-empty list of: {', '.join(HIT_FIELDS)}"]})
    unknown = sorted(set(fields) - set(HIT_FIELDS))
    if unknown:
        raise Unprocessable({"fields": [f"unknown: {', '.join(unknown)} (known: {', '.join(HIT_FIELDS)})"]})
    return tuple(f for f in HIT_FIELDS if f in fields)


def live_index_search(
    *,
    library: Library,
    live: Any,
    query: np.ndarray,
    k: int,
    node: Any,
    index: str | None,
    params: dict | None,
    fields: tuple[str, ...] | None = None,
) -> tuple[list[QueryHit], QueryPlan, int]:
    """Search a live in-memory index under its lock, then hydrate the hits from the database.

    Returns the hits (best first), the plan, and the version the index had applied. A chunk deleted
    after the search began is dropped: the query started before the delete. With `fields` within
    `MEMORY_FIELDS` the hits come from the index alone (no database read; the other fields None),
    within `ID_FIELDS` from a narrow hydration (the public ids only)."""
    (found,), plan, applied = _search_live(live, [query], k=k, node=node, index=index, params=params)
    return _hits(library, [found], fields)[0], plan, applied


Found = tuple[list[int], list[float], list[int | None]]


def _search_live(
    live: Any, queries: list[np.ndarray], *, k: int, node: Any, index: str | None, params: dict | None
) -> tuple[list[Found], QueryPlan, int]:
    """(ids, scores, document ids) for each query, searched under the live index's lock; the last plan."""
    use_index = index != "flat"
    found = []
    with live.lock:
        idx = live.index
        try:
            search_params = idx.clean_search_params(params or {}) if use_index else {}
        except (TypeError, ValueError) as exc:
            raise Unprocessable({"params": [str(exc)]}) from None
        mask = live.meta.mask(node, idx.size) if node is not None else None
        plan = QueryPlan(strategy="empty")
        for query in queries:
            q = idx.prepare_query(query)
            slots, dist, plan = planner.search(idx, q, k, mask=mask, use_index=use_index, params=search_params)
            rows = live.meta.rows
            docs = [(rows[s] or {}).get("document_id") if s < len(rows) else None for s in slots.tolist()]
            found.append((idx.ids[slots].tolist(), idx.to_scores(dist, q).tolist(), docs))
        applied = live.applied_seq
    return found, plan, applied


def _hits(library: Library, found: list[Found], fields: tuple[str, ...] | None = None) -> list[list[QueryHit]]:
    """The hits of each search: from the index alone when only `score` is wanted, else hydrated
    (the public ids are not in the index: `chunk_id`/`document_id` alone cost a narrow SELECT)."""
    if fields is not None and MEMORY_FIELDS.issuperset(fields):
        return [
            [
                QueryHit(chunk_id=None, score=score, text=None, metadata=None, document_id=None, document_title=None)
                for _cid, score in zip(ids, scores, strict=True)
            ]
            for ids, scores, _docs in found
        ]
    narrow = fields is not None and ID_FIELDS.issuperset(fields)
    return _hydrate(library, found, narrow=narrow)


#: Chunk ids per hydration SELECT.
HYDRATE_BATCH = 900


def _uuid_text(value: Any) -> str:
    """A UUID column's value as the API's text form: Postgres gives it as text already (the column
    is read as `uuid::text`, see `uuid_column`), SQLite as 32 hex digits."""
    if isinstance(value, str) and len(value) == 36:
        return value
    return str(value) if isinstance(value, UUID) else str(UUID(str(value)))


def hit_row(
    chunk_uuid: Any, document_uuid: Any, text: Any = None, metadata: Any = None, title: Any = None, *, narrow: bool
) -> tuple:
    """A hydrated hit's (chunk id, document id, text, metadata, document title) from its columns; with
    `narrow` only the ids (the query asked for no stored field, so only they were read)."""
    if narrow:
        return (_uuid_text(chunk_uuid), _uuid_text(document_uuid), None, None, None)
    metadata = parsers.loads(metadata) if isinstance(metadata, str | bytes) else metadata
    return (_uuid_text(chunk_uuid), _uuid_text(document_uuid), text, metadata, title)


def uuid_column(expression: str) -> str:
    """A UUID column read as its canonical text on Postgres (no UUID object per row to build and
    format again), as stored elsewhere."""
    return f"{expression}::text" if connection.vendor == "postgresql" else expression


def ids_condition(column: str, ids: list[int]) -> tuple[str, list[Any]]:
    """`column` among `ids`, as SQL and its parameters: one array parameter on Postgres (psycopg
    binds a 900-placeholder IN list client-side in ~2 ms), an IN list elsewhere (SQLite allows
    999 parameters: callers pass at most HYDRATE_BATCH)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def hit_columns(*, narrow: bool) -> str:
    """The columns `hit_row` reads, of a chunk `c` joined to its document `d`, after the chunk's id
    and library id; `narrow`: the public ids only."""
    columns = f"c.id, c.library_id, {uuid_column('c.uuid')}, {uuid_column('d.uuid')}"
    return columns if narrow else columns + ", c.text, c.metadata, d.title"


def _hit_rows(library_id: int, ids: set[int], *, narrow: bool = False) -> dict[int, tuple[str, Any, str, Any, str]]:
    """chunk id -> (chunk uuid, document uuid, text, metadata, document title) as text where ids,
    one SELECT by primary key per `HYDRATE_BATCH` ids (one for any single query up to k=900);
    `narrow`: the public ids only (text, metadata and title None).

    Hand-written SQL: it is on every query's path, and the ORM's query building cost more than the
    round trip itself. By primary key only (no ORDER BY, no library condition that would make the
    planner combine the library index with it); rows of another library are dropped here."""
    qn = connection.ops.quote_name
    join = f"{qn(Chunk._meta.db_table)} c JOIN {qn(Document._meta.db_table)} d ON d.id = c.document_id"
    columns = hit_columns(narrow=narrow)
    wanted = list(ids)
    step = (len(wanted) or 1) if connection.vendor == "postgresql" else HYDRATE_BATCH
    rows: dict[int, tuple[str, str, Any, Any, Any]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), step):  # a batch query's hits: under SQLite's 999 parameters
            condition, params = ids_condition("c.id", wanted[start : start + step])
            # the values are parameters; the table names the models'
            cursor.execute(f"SELECT {columns} FROM {join} WHERE {condition}", params)  # noqa: S608
            for row in cursor.fetchall():
                if row[1] != library_id:
                    continue
                rows[row[0]] = hit_row(*row[2:7], narrow=narrow)
    return rows


def _hydrate(library: Library, found: list[Found], *, narrow: bool = False) -> list[list[QueryHit]]:
    """Hits with their chunk's public id, text, metadata and document (public id, title), from one
    database query for all (the index knows chunks by their internal pk)."""
    rows = _hit_rows(library.pk, {cid for ids, _scores, _docs in found for cid in ids}, narrow=narrow)
    return [hits_from_rows(one, rows) for one in found]


def hits_from_rows(found: Found, rows: dict[int, tuple]) -> list[QueryHit]:
    """One query's hits, in rank order, from the rows `hit_row` made (a chunk deleted since the
    search has no row and drops out)."""
    ids, scores, _docs = found
    return [
        QueryHit(
            chunk_id=rows[cid][0],
            score=score,
            text=rows[cid][2],
            metadata=rows[cid][3],
            document_id=rows[cid][1],
            document_title=rows[cid][4],
        )
        for cid, score in zip(ids, scores, strict=True)
        if cid in rows
    ]


#: Query vectors in one batch request.
MAX_BATCH = 1000


def library_query_batch(
    *,
    library: Library,
    embeddings: list[Any],
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
    fields: tuple[str, ...] | None = None,
    fresh_row: bool = False,
) -> list[list[QueryHit]]:
    """The k nearest chunks to each of `embeddings` (one index catch-up, one lock, one hydration)."""
    node = query_filter(library=library, k=k, index=index, filter=filter)
    fields = hit_fields(fields)
    if not isinstance(embeddings, list) or not 1 <= len(embeddings) <= MAX_BATCH:
        raise Unprocessable({"embeddings": [f"a list of 1 to {MAX_BATCH} query vectors"]})
    queries = []
    for i, embedding in enumerate(embeddings):
        if embedding is None:
            raise Unprocessable({f"embeddings[{i}]": ["a list of `dimension` numbers is required"]})
        try:
            queries.append(_query_vector(library, embedding, None))
        except Unprocessable as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"embedding": exc.detail}
            raise Unprocessable({f"embeddings[{i}]": [str(m) for ms in detail.values() for m in ms]}) from None
    got = registry.get(library.pk, state_of(library) if fresh_row else None)
    if got is None:
        return [[] for _ in queries]
    live, _state = got
    found, _plan, _applied = _search_live(live, queries, k=k, node=node, index=index, params=params)
    return _hits(library, found, fields)


def library_query_explain(
    *,
    library: Library,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
    fields: tuple[str, ...] | None = None,
    fresh_row: bool = False,
) -> tuple[list[QueryHit], QueryPlan]:
    """The k chunks nearest to the query, best first, with how they were found.

    `fields`: the hit fields wanted (default all; within `MEMORY_FIELDS`, no database read for
    the hits). `fresh_row`: `library` was read from the database during this request (as the API
    views do), so its `version` is used instead of reading it again; the answer still includes
    every write acknowledged before that read."""
    node = query_filter(library=library, k=k, index=index, filter=filter)
    fields = hit_fields(fields)
    query = _query_vector(library, embedding, text)
    got = registry.get(library.pk, state_of(library) if fresh_row else None)
    if got is None:
        return [], QueryPlan(strategy="empty")
    live, _state = got
    hits, plan, _applied = live_index_search(
        library=library, live=live, query=query, k=k, node=node, index=index, params=params, fields=fields
    )
    return hits, plan


def library_query(
    *,
    library: Library,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
) -> list[QueryHit]:
    """The k chunks nearest to `embedding` (or to `text`, embedded by the library's provider) among
    those `filter` keeps, best first. `index`: None (the library's), or "flat" for exact search."""
    hits, _plan = library_query_explain(
        library=library, embedding=embedding, text=text, k=k, filter=filter, index=index, params=params
    )
    return hits

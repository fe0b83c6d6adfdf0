"""The query in one database round trip: search the in-memory index first, then read the library's
row and the hits' rows in ONE SELECT, and keep the answer only if the row says nothing changed.

The classic path (`selectors.library_query_explain`) reads the library row (its `version`), catches
the index up to it, searches, then hydrates the hits with a second SELECT: two round trips, and the
library read through the ORM cost ~0.9 ms of CPU on its own. Here, for a library this process
already knows (its internal id, dimension, metric and index configuration, remembered by public
UUID in `registry`):

1. the live index is searched as it is, noting the version it has applied (`applied`);
2. one SELECT reads the library row by UUID, LEFT JOINed to the hit chunks (by primary key) and
   their documents: one statement, so one snapshot;
3. if the row's `version` equals `applied` (and its index configuration is the live index's), the
   index that was searched held exactly every write committed before that read, which is the
   classic path's guarantee (every write acknowledged before the query is in its answer), and the
   rows read in the same snapshot are the hits' current text, metadata and document. Otherwise
   (writes since) the index is caught up to the row read and the search is done again; after
   `ATTEMPTS` tries, or when anything is unusual (library gone, another tenant's, configuration
   changed, index not loaded), the caller falls back to the classic path, which answers as before
   (including its 404 and 422 bodies).

Nothing is cached but what the index already holds in memory and the library's immutable
identity, so there is nothing to invalidate: the freshness check is the same version read as
before, merely taken after the search instead of before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import connection

from vectordb import schema
from vectordb.engine.planner import QueryPlan
from vectordb.models import Chunk, Document, Library
from vectordb.runtime import LibraryState, registry
from vectordb.schema import SchemaError
from vectordb.selectors import (
    HYDRATE_BATCH,
    ID_FIELDS,
    MEMORY_FIELDS,
    QueryHit,
    _search_live,
    hit_columns,
    hit_row,
    hits_from_rows,
    ids_condition,
    query_filter,
)

#: Searches tried before leaving a query to the classic path (each lost to a write in between).
ATTEMPTS = 3

_LIB_COLUMNS = (
    "l.id, l.project_id, l.version, l.index_generation, l.log_floor, l.index_type, l.index_params, "
    "l.dimension, l.metric"
)


@dataclass(frozen=True)
class Answer:
    hits: list[QueryHit]
    plan: QueryPlan


def _state(row: tuple) -> LibraryState:
    params = row[6]
    params = json.loads(params) if isinstance(params, str | bytes) else (params or {})
    return LibraryState(
        id=row[0],
        version=row[2],
        index_generation=row[3],
        log_floor=row[4],
        index_type=row[5],
        index_params=params,
        dimension=row[7],
        metric=row[8],
    )


def _sql(chunk_ids: list[int], narrow: bool) -> tuple[str, list[Any]]:
    qn = connection.ops.quote_name
    if not chunk_ids:
        return f"SELECT {_LIB_COLUMNS} FROM {qn(Library._meta.db_table)} l WHERE l.uuid = %s", []  # noqa: S608
    condition, params = ids_condition("c.id", chunk_ids)
    # By primary key only (no library condition in the join, which could make the planner combine
    # the library index with it); rows of another library are dropped below. The values are
    # parameters; the table names the models'.
    joins = (
        f"LEFT JOIN {qn(Chunk._meta.db_table)} c ON {condition} "
        f"LEFT JOIN {qn(Document._meta.db_table)} d ON d.id = c.document_id"
    )
    columns = f"{_LIB_COLUMNS}, {hit_columns(narrow=narrow)}"
    sql = f"SELECT {columns} FROM {qn(Library._meta.db_table)} l {joins} WHERE l.uuid = %s"  # noqa: S608
    return sql, params


def read_library_and_rows(
    library_uuid: UUID, chunk_ids: list[int], *, narrow: bool
) -> tuple[tuple | None, dict[int, tuple[str, str, Any, Any, Any]]]:
    """(the library row or None, chunk id -> (chunk uuid, document uuid, text, metadata, title)),
    in one SELECT; `narrow`: the public ids only."""
    uuid_param = Library._meta.get_field("uuid").get_db_prep_value(library_uuid, connection)
    sql, params = _sql(chunk_ids, narrow)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, uuid_param])
        fetched = cursor.fetchall()
    if not fetched:
        return None, {}
    library = fetched[0][:9]
    rows: dict[int, tuple[str, str, Any, Any, Any]] = {}
    for row in fetched if chunk_ids else ():
        if row[9] is None or row[10] != library[0]:
            continue
        rows[row[9]] = hit_row(*row[11:16], narrow=narrow)
    return library, rows


def _hits(found: tuple, rows: dict, fields: tuple[str, ...]) -> list[QueryHit]:
    if MEMORY_FIELDS.issuperset(fields):
        return [QueryHit(None, score, None, None, None, None) for score in found[1]]
    return hits_from_rows(found, rows)


def library_query_hot(
    *,
    library_uuid: UUID,
    project_id: int,
    embedding: Any,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
    fields: tuple[str, ...],
) -> Answer | None:
    """The answer `selectors.library_query_explain` would give for the library `library_uuid` of
    project `project_id` and an embedding query, or None when the classic path must answer (see the
    module's docstring). Invalid values raise `Unprocessable` as the classic path does."""
    known = registry.known(library_uuid)
    if known is None or known.project_id != project_id:
        return None
    node = query_filter(library=known, k=k, index=index, filter=filter)  # type: ignore[arg-type]
    try:
        query = schema.clean_embedding(embedding, dimension=known.dimension, metric=known.metric)
    except SchemaError:
        return None  # the classic path answers the 422
    live = registry.loaded(known.id)
    if live is None or live.config != known.config:
        return None
    narrow = ID_FIELDS.issuperset(fields)
    for _attempt in range(ATTEMPTS):
        (found,), plan, applied = _search_live(live, [query], k=k, node=node, index=index, params=params)
        wanted = [] if MEMORY_FIELDS.issuperset(fields) else found[0]
        if len(wanted) > HYDRATE_BATCH and connection.vendor != "postgresql":
            return None  # past SQLite's 999 parameters in one statement: the classic path batches them
        row, rows = read_library_and_rows(library_uuid, wanted, narrow=narrow)
        if row is None or row[1] != project_id:
            registry.forget(library_uuid)
            return None
        state = _state(row)
        if state.config != live.config or state.log_floor > applied:
            registry.forget(library_uuid)
            return None
        if state.version == applied:
            return Answer(_hits(found, rows, fields), plan)
        got = registry.get(known.id, state)  # writes since: catch up to the row just read, search again
        if got is None or got[0] is not live:
            return None
    return None

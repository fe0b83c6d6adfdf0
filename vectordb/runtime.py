"""Each process's in-memory copy of a library's index, kept in step with Postgres.

The database is the truth; an in-memory index is a cache of it tagged with the library `version`
it has applied (`applied_seq`). Before answering, a query reads the library's current `version`
(one indexed row) and replays the change log (`ChunkChange`) from `applied_seq` to that version:
for every chunk id touched, the chunk's current row is upserted, or removed if it is gone. Replay
reads current rows, so it is idempotent and converges even when a replay sees writes newer than
the version it aimed at. Because writers lock the library row to take the next sequence number,
sequence order is commit order: every write acknowledged before the query read `version` is in it.

Within a process, one lock per library serialises catch-up and search on that library's index, so
threads never see a half-applied batch. Across processes nothing is shared but the database.

A library is loaded from its latest saved `IndexSnapshot` of the current `index_generation` (then
caught up), or built from all its chunks when there is none.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from vectordb import snapshots
from vectordb.engine import HNSWIndex, VectorIndex, index_from_state, make_index
from vectordb.engine.base import Progress
from vectordb.engine.filters import MetadataTable
from vectordb.models import Chunk, ChunkChange, IndexSnapshot, Library
from vectordb.snapshots import store as snapshot_store

logger = logging.getLogger(__name__)

ID_BATCH = 5000
#: A graph index takes a batch of more new vectors than this (and than half its size) as a bulk rebuild.
BULK_REBUILD_MIN = 2000


@dataclass(frozen=True)
class LibraryState:
    id: int
    version: int
    index_generation: int
    log_floor: int
    index_type: str
    index_params: dict
    dimension: int
    metric: str

    @property
    def config(self) -> tuple:
        return (self.index_generation, self.index_type, json.dumps(self.index_params, sort_keys=True))


_STATE_FIELDS = ("id", "version", "index_generation", "log_floor", "index_type", "index_params", "dimension", "metric")


def library_state(library_id: int) -> LibraryState | None:
    row = Library.objects.filter(pk=library_id).values(*_STATE_FIELDS).first()
    return LibraryState(**row) if row else None


def state_of(library: Library) -> LibraryState:
    """The state of a library row the caller has just read (it must not be older than the request)."""
    return LibraryState(**{name: getattr(library, name) for name in _STATE_FIELDS})


def decode_embedding(raw: bytes | memoryview, dim: int) -> np.ndarray:
    arr = np.frombuffer(bytes(raw), dtype="<f4")
    return arr if arr.shape[0] == dim else np.zeros(dim, dtype=np.float32)


def encode_embedding(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


class LiveIndex:
    """One library's index and metadata in this process, with the version it has applied."""

    def __init__(self, state: LibraryState, index: VectorIndex, meta: MetadataTable, applied_seq: int) -> None:
        self.library_id = state.id
        self.config = state.config
        self.index = index
        self.meta = meta
        self.applied_seq = applied_seq
        self.lock = threading.RLock()
        self.loaded_at = time.time()
        self.source = "built"  # how it was loaded: "snapshot", "rebuilt" (from the chunks) or "built"

    # --- applying rows -----------------------------------------------------------------------
    def apply_rows(self, rows: list[tuple], removed: list[int]) -> None:
        """Upsert `(id, document_id, embedding bytes, metadata)` rows, remove `removed` ids.

        A graph index is rebuilt in bulk instead when the batch is large next to it (bulk build
        is much faster than that many single inserts) or when tombstones pile up."""
        if isinstance(self.index, HNSWIndex):
            fresh = sum(1 for r in rows if r[0] not in self.index)
            if fresh > max(BULK_REBUILD_MIN, len(self.index) // 2):
                self._rebuild(rows, removed)
                return
        self._apply(rows, removed)
        if isinstance(self.index, HNSWIndex) and self.index.size > 1000 and self.index.tombstone_ratio() > 0.3:
            self._rebuild([], [])

    def _rebuild(self, rows: list[tuple], removed: list[int]) -> None:
        """Rebuild the index in bulk from its live vectors with `rows` upserted and `removed` gone."""
        idx = self.index
        alive = np.flatnonzero(idx.alive[: idx.size])
        vectors: dict[int, np.ndarray] = dict(zip(idx.ids[alive].tolist(), idx.vectors[alive], strict=True))
        metas: dict[int, dict | None] = {int(idx.ids[s]): self.meta.rows[s] for s in alive.tolist()}
        for cid in removed:
            vectors.pop(cid, None)
            metas.pop(cid, None)
        for r in rows:
            vec = decode_embedding(r[2], idx.dim)
            if np.isfinite(vec).all() and np.any(vec):
                vectors[r[0]] = vec
                metas[r[0]] = {**(r[3] or {}), "document_id": r[1]}
        fresh = make_index(idx.kind, dim=idx.dim, metric=idx.metric, params=idx.params())
        ids = np.fromiter(vectors.keys(), dtype=np.int64, count=len(vectors))
        matrix = np.vstack(list(vectors.values())) if vectors else np.zeros((0, idx.dim), np.float32)
        fresh.build(ids, matrix)
        meta = MetadataTable()
        for cid, row in metas.items():
            meta.set(fresh.slot_of[cid], row)
        self.index, self.meta = fresh, meta

    def _apply(self, rows: list[tuple], removed: list[int]) -> None:
        if removed:
            for slot in self.index.remove(np.asarray(removed, dtype=np.int64)).tolist():
                self.meta.clear(slot)
        if rows:
            dim = self.index.dim
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            vectors = np.vstack([decode_embedding(r[2], dim) for r in rows])
            good = np.isfinite(vectors).all(axis=1) & (np.abs(vectors).sum(axis=1) > 0)
            if not good.all():  # never crash on a row that could not be decoded; leave it out
                bad = ids[~good]
                for slot in self.index.remove(bad).tolist():
                    self.meta.clear(slot)
                rows = [r for r, ok in zip(rows, good.tolist(), strict=True) if ok]
                ids, vectors = ids[good], vectors[good]
            slots = self.index.upsert(ids, vectors)
            # upsert de-duplicates ids (last wins); rows come from the database, one per id.
            slot_of = dict(zip(ids.tolist(), slots.tolist(), strict=True))
            for r in rows:
                self.meta.set(slot_of[r[0]], {**(r[3] or {}), "document_id": r[1]})

    def catch_up(self, state: LibraryState) -> None:
        """Replay the change log from `applied_seq` up to `state.version`."""
        if state.version <= self.applied_seq:
            return
        changed = list(
            ChunkChange.objects.filter(library_id=self.library_id, seq__gt=self.applied_seq, seq__lte=state.version)
            .values_list("chunk_id", flat=True)
            .distinct()
        )
        # A snapshot may have pruned the log past `applied_seq` after `state` was read: the replay
        # would then silently miss changes. Checked after reading the log, so a prune that
        # committed before the read is seen here; this index is then reloaded instead.
        floor = Library.objects.filter(pk=self.library_id).values_list("log_floor", flat=True).first() or 0
        if floor > self.applied_seq:
            fresh = load(LibraryState(**{**state.__dict__, "log_floor": floor}))
            self.index, self.meta, self.source = fresh.index, fresh.meta, fresh.source
            self.applied_seq = fresh.applied_seq
            self.catch_up(state)
            return
        for start in range(0, len(changed), ID_BATCH):
            batch = changed[start : start + ID_BATCH]
            rows = list(
                Chunk.objects.filter(library_id=self.library_id, id__in=batch).values_list(
                    "id", "document_id", "embedding", "metadata"
                )
            )
            present = {r[0] for r in rows}
            self.apply_rows(rows, [cid for cid in batch if cid not in present])
        self.applied_seq = state.version

    # --- persistence -------------------------------------------------------------------------
    def snapshot_arrays(self) -> dict[str, np.ndarray]:
        """The index's arrays and the metadata rows, copied (call under `lock`; write them after
        releasing it, so queries and catch-up go on while the snapshot is written)."""
        state = {name: np.array(value, copy=True) for name, value in self.index.to_state().items()}
        rows = self.meta.rows[: self.index.size]
        rows += [None] * (self.index.size - len(rows))
        state["__rows__"] = np.frombuffer(json.dumps(rows, separators=(",", ":")).encode(), dtype=np.uint8)
        return state

    @classmethod
    def from_arrays(cls, state: LibraryState, arrays: dict[str, np.ndarray], applied_seq: int) -> LiveIndex:
        """An index from a snapshot's arrays (read-only views are fine: the index copies them)."""
        index = index_from_state(arrays)
        rows = json.loads(arrays["__rows__"].tobytes())
        if len(rows) != index.size:
            raise snapshots.SnapshotError("metadata rows do not match the index's slots")
        meta = MetadataTable()
        alive = index.alive
        meta.rows = [row if row is not None and alive[slot] else None for slot, row in enumerate(rows)]
        live = cls(state, index, meta, applied_seq)
        live.source = "snapshot"
        return live


def build_from_database(state: LibraryState, progress: Progress | None = None) -> LiveIndex:
    """A fresh index of all the library's chunks, built in bulk; `applied_seq` = the version read
    before the rows (later writes seen by the scan are replayed again by the next catch-up)."""
    report = progress or (lambda fraction, message: None)
    with transaction.atomic():
        version = Library.objects.filter(pk=state.id).values_list("version", flat=True).first() or 0
    ids: list[int] = []
    vectors: list[np.ndarray] = []
    rows_meta: list[dict] = []
    total = Chunk.objects.filter(library_id=state.id).count() or 1
    rows = Chunk.objects.filter(library_id=state.id).values_list("id", "document_id", "embedding", "metadata")
    for i, (cid, doc_id, raw, metadata) in enumerate(rows.iterator(chunk_size=2000)):
        vec = decode_embedding(raw, state.dimension)
        if not np.isfinite(vec).all() or not np.any(vec):
            continue
        rows_meta.append({**(metadata or {}), "document_id": doc_id})
        ids.append(cid)
        vectors.append(vec)
        if i % 5000 == 0:
            report(0.2 * i / total, "loading chunks")
    index = make_index(state.index_type, dim=state.dimension, metric=state.metric, params=state.index_params)
    matrix = np.vstack(vectors) if vectors else np.zeros((0, state.dimension), np.float32)
    index.build(np.asarray(ids, dtype=np.int64), matrix, progress=lambda f, m: report(0.2 + 0.8 * f, m))
    meta = MetadataTable()
    for cid, row in zip(ids, rows_meta, strict=True):  # the index chooses the slots (HNSW reorders)
        meta.set(index.slot_of[cid], row)
    return LiveIndex(state, index, meta, applied_seq=version)


def load(state: LibraryState) -> LiveIndex:
    """From the newest usable snapshot of the current generation, else built from the database.

    A snapshot is usable if its catalog row is of the library's generation and index type and not
    older than the log floor (the change log since its `seq` still exists, so catch-up can bring
    it up to date), and its bytes pass `snapshots.parse` (magic, CRCs, size, and a header naming
    the same library, generation, seq and token as the row). Anything else is skipped: the next
    older candidate is tried, and in the end the index is rebuilt from the chunks (the truth)."""
    candidates = IndexSnapshot.objects.filter(
        library_id=state.id,
        generation=state.index_generation,
        index_type=state.index_type,
        seq__gte=state.log_floor,
        seq__lte=state.version,
    ).order_by("-seq", "-id")
    root = None
    for snap in candidates.values("id", "seq", "token", "checksum", "file_name")[:3]:
        expect = snapshots.SnapshotInfo(state.id, state.index_generation, snap["seq"], snap["token"], state.index_type)
        try:
            if snap["file_name"]:
                root = root or snapshot_store.snapshot_root()
                if root is None:
                    continue
                with snapshots.mapped(root / snap["file_name"]) as buffer:
                    return LiveIndex.from_arrays(state, snapshots.parse(buffer, expect, snap["checksum"]), snap["seq"])
            data = IndexSnapshot.objects.filter(pk=snap["id"]).values_list("data", flat=True).first()
            if data:
                return LiveIndex.from_arrays(state, snapshots.parse(data, expect, snap["checksum"]), snap["seq"])
        except (snapshots.SnapshotError, ValueError, KeyError, TypeError) as exc:
            # torn, corrupt or foreign: ignored (the chunks are the truth) and dropped from the
            # catalog, so that the next snapshot of this version is saved rather than skipped
            logger.warning("library %s: snapshot %s is unusable, dropped (%s)", state.id, snap["id"], exc)
            IndexSnapshot.objects.filter(pk=snap["id"]).delete()
            snapshot_store.remove_files([snap["file_name"]])
        except OSError as exc:  # missing here (another host's disk?): ignored, left to others
            logger.warning("library %s: snapshot %s cannot be read here (%s)", state.id, snap["id"], exc)
    live = build_from_database(state)
    live.source = "rebuilt"
    return live


@dataclass(frozen=True)
class KnownLibrary:
    """What the one-round-trip query (`vectordb.hot_query`) needs to know of a library before its
    row is read: fixed for the library's life but for the index configuration, which the row read
    after the search checks again."""

    id: int
    project_id: int
    dimension: int
    metric: str
    index_type: str
    config: tuple


#: Libraries remembered by public id per process (emptied when full: a bound, not an LRU).
KNOWN_MAX = 10_000


class Registry:
    """The live indexes of this process, by library id; and the libraries it has answered a query
    on, by public id (`known`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: dict[int, LiveIndex] = {}
        self._loading: dict[int, threading.Lock] = {}
        self._known: dict[object, KnownLibrary] = {}

    def clear(self) -> None:
        with self._lock:
            self._live.clear()
            self._loading.clear()
            self._known.clear()

    def is_loaded(self, library_id: int) -> bool:
        return library_id in self._live

    def loaded(self, library_id: int) -> LiveIndex | None:
        """The library's live index as it is (not caught up), or None if not loaded."""
        return self._live.get(library_id)

    def known(self, library_uuid: object) -> KnownLibrary | None:
        return self._known.get(library_uuid)

    def remember(self, library: Library) -> None:
        """Remember a library row just read (by its public id), for the one-round-trip query."""
        state = state_of(library)
        known = KnownLibrary(
            library.pk, library.project_id, library.dimension, library.metric, library.index_type, state.config
        )
        with self._lock:
            if len(self._known) >= KNOWN_MAX:
                self._known.clear()
            self._known[library.uuid] = known

    def forget(self, library_uuid: object) -> None:
        with self._lock:
            self._known.pop(library_uuid, None)

    def discard(self, library_id: int) -> None:
        with self._lock:
            self._live.pop(library_id, None)

    def get(self, library_id: int, state: LibraryState | None = None) -> tuple[LiveIndex, LibraryState] | None:
        """The library's live index, caught up with every write committed before this call, with
        its lock NOT held (callers search under `live.lock`). None if the library is gone.

        `state`: the library's row as read by the caller since its request began (the API views
        read it anyway to check access), which saves reading it again."""
        state = state or library_state(library_id)
        if state is None:
            self.discard(library_id)
            return None
        live = self._live.get(library_id)
        if live is None or live.config != state.config or live.applied_seq < state.log_floor:
            with self._lock:
                loading = self._loading.setdefault(library_id, threading.Lock())
            with loading:
                live = self._live.get(library_id)
                if live is None or live.config != state.config or live.applied_seq < state.log_floor:
                    live = load(state)
                    with self._lock:
                        self._live[library_id] = live
        with live.lock:
            live.catch_up(state)
        return live, state


registry = Registry()

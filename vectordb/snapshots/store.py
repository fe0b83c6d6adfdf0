"""Where snapshots live, and saving one: the file (or the database column) plus its catalog row.

Location: `settings.VECTORDB_SNAPSHOT_DIR` (default `var/vectordb-snapshots`; in
`docker-compose.yaml` a volume shared by the web, worker and node containers of a host), one
subdirectory per database (so a test database and the dev database never share files), one per
library. With the setting empty, or the directory not writable, the same bytes go into the
`IndexSnapshot.data` column instead (for processes that share no disk), and are read from there.

Saving never blocks writers: the index's arrays are copied under its in-process lock (a memory
copy, ~0.1 s for 60,000 × 384), the file is written and fsynced with no lock and no transaction
open, then the catalog row is inserted in a short transaction that does not lock the library
row. Only the log-floor update touches the library row, in its own one-statement transaction.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from pathlib import Path

import numpy as np
from django.db import transaction

from vectordb.snapshots.format import SnapshotInfo, Written, new_token, to_bytes, write_file

logger = logging.getLogger(__name__)

SUFFIX = ".vdbs"
TEMPORARY_MAX_AGE = 3600.0  # seconds after which a leftover temporary file is swept


def snapshot_root() -> Path | None:
    """The snapshot directory of this database, or None to keep snapshots in the database."""
    from django.conf import settings
    from django.db import connection

    base = getattr(settings, "VECTORDB_SNAPSHOT_DIR", None)
    if not base:
        return None
    db = connection.settings_dict
    ident = f"{connection.vendor}:{db.get('HOST') or ''}:{db.get('PORT') or ''}:{db.get('NAME')}"
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(str(db.get("NAME") or "db")).stem)[:40]
    root = Path(base) / f"{connection.vendor}-{name}-{hashlib.sha256(ident.encode()).hexdigest()[:10]}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        logger.warning("snapshot directory %s is not writable: keeping snapshots in the database", root)
        return None
    return root


def file_name(info: SnapshotInfo) -> str:
    return f"lib{info.library_id}/g{info.generation}-s{info.seq}-{info.token}{SUFFIX}"


def persist(info: SnapshotInfo, arrays: dict[str, np.ndarray]) -> Written:
    """Write the snapshot to the snapshot directory, or as bytes for the database column."""
    root = snapshot_root()
    if root is not None:
        try:
            return write_file(root, file_name(info), info, arrays)
        except OSError:
            logger.warning("could not write snapshot file: keeping it in the database", exc_info=True)
    return to_bytes(info, arrays)


def remove_files(names: list[str]) -> None:
    """Delete snapshot files whose catalog rows are gone (a process still reading one keeps its
    open map: unlinking does not pull the pages from under it)."""
    names = [n for n in names if n]
    root = snapshot_root() if names else None
    if root is None:
        return
    for name in names:
        try:
            (root / name).unlink(missing_ok=True)
        except OSError:
            logger.warning("could not remove snapshot file %s", name, exc_info=True)


def sweep_temporary(max_age: float = TEMPORARY_MAX_AGE) -> int:
    """Remove temporary files left by writers that died mid-write."""
    root = snapshot_root()
    if root is None:
        return 0
    removed = 0
    cutoff = time.time() - max_age
    for tmp in root.glob("lib*/.*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def snapshot_of(live, *, library_id: int, generation: int, index_type: str) -> tuple[SnapshotInfo, Written, int]:
    """Copy `live` under its lock, then write it with no lock held: (info, written, vector count)."""
    with live.lock:
        seq = live.applied_seq
        arrays = live.snapshot_arrays()
        count = len(live.index)
    info = SnapshotInfo(library_id, generation, seq, new_token(), index_type)
    return info, persist(info, arrays), count


def row_fields(info: SnapshotInfo, written: Written) -> dict:
    return {
        "seq": info.seq,
        "token": info.token,
        "checksum": written.crc32,
        "file_name": written.file_name,
        "data": written.data,
        "size_bytes": written.size_bytes,
    }


def index_snapshot_save(*, library_id: int, min_changes: int = 0):
    """Save this process's caught-up index of a library (if `min_changes` writes happened since the
    last snapshot), then prune the change log up to the previous snapshot."""
    from vectordb.runtime import registry

    was_loaded = registry.is_loaded(library_id)
    try:
        return _save(library_id=library_id, min_changes=min_changes)
    finally:
        if not was_loaded:  # a worker saving snapshots should not keep every library in memory
            registry.discard(library_id)


def _save(*, library_id: int, min_changes: int):
    from vectordb.models import ChunkChange, IndexSnapshot, Library
    from vectordb.runtime import registry

    got = registry.get(library_id)
    if got is None:
        return None
    live, state = got
    last = (
        IndexSnapshot.objects.filter(library_id=library_id, generation=state.index_generation)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    if last is not None and live.applied_seq - last < max(min_changes, 1):
        return None
    info, written, count = snapshot_of(
        live, library_id=library_id, generation=state.index_generation, index_type=state.index_type
    )
    removed: list[str] = [written.file_name]  # if it is not catalogued after all
    previous = None
    with transaction.atomic():  # the catalog only: no lock on the library row
        current = Library.objects.filter(pk=library_id).values_list("index_generation", flat=True).first()
        if current == state.index_generation:
            snap = IndexSnapshot.objects.create(
                library_id=library_id,
                generation=state.index_generation,
                index_type=state.index_type,
                index_params=state.index_params,
                vector_count=count,
                **row_fields(info, written),
            )
            removed = []
            older = IndexSnapshot.objects.filter(library_id=library_id).exclude(pk=snap.pk)
            previous = older.filter(generation=state.index_generation, seq__lte=info.seq).order_by("-seq").first()
            keep = [snap.pk] + ([previous.pk] if previous else [])
            doomed = IndexSnapshot.objects.filter(library_id=library_id).exclude(pk__in=keep)
            removed = list(doomed.values_list("file_name", flat=True))
            doomed.delete()
        else:
            snap = None  # a rebuild switched generations meanwhile; its snapshot wins
    remove_files(removed)
    if previous is not None:
        # Keep one older snapshot; the log entries it no longer needs go. The floor is raised
        # first (a one-row update), so a reader that replays after the delete sees it and reloads.
        Library.objects.filter(pk=library_id, log_floor__lt=previous.seq).update(log_floor=previous.seq)
        ChunkChange.objects.filter(library_id=library_id, seq__lte=previous.seq).delete()
    sweep_temporary()
    return snap

"""Separate processes for the concurrency and crash tests (run as `python -m vectordb.tests.workers`).

Each is a fresh interpreter with its own in-memory indexes, like a web process: `write` inserts
batches and appends the ids of each batch to a file only after the service returned (the write
was acknowledged); `read` queries in a loop and checks every answer against the acknowledged
inserts and deletes recorded before the query started.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _read_ids(path: Path) -> set[str]:
    """The public chunk ids (UUIDs) recorded in `path`."""
    if not path.exists():
        return set()
    ids: set[str] = set()
    for line in path.read_text().splitlines():
        if line.endswith("]"):  # a line being written is incomplete: skip it
            ids.update(json.loads(line))
    return ids


def write(library_id: int, document_id: str, out: Path, batches: int, size: int, seed: int) -> None:
    import numpy as np

    from vectordb import services
    from vectordb.models import Library

    library = Library.objects.get(pk=library_id)
    rng = np.random.default_rng(seed)
    for b in range(batches):
        vectors = rng.standard_normal((size, library.dimension)).astype(np.float32)
        chunks = [
            {"document_id": document_id, "text": f"w{seed}-{b}-{i}", "embedding": v.tolist(), "metadata": {"b": b}}
            for i, v in enumerate(vectors)
        ]
        created = services.chunks_upsert(library=library, chunks=chunks)
        with out.open("a") as fh:  # acknowledged: record it
            fh.write(json.dumps([str(c.uuid) for c in created]) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def read(library_id: int, acked: list[Path], deleted: Path, deleting: Path, out: Path, seconds: float) -> None:
    from vectordb.models import Library
    from vectordb.selectors import library_query

    library = Library.objects.get(pk=library_id)
    checks = violations = 0
    examples: list[str] = []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        inserted_before = set().union(*(_read_ids(p) for p in acked))
        deleted_before = _read_ids(deleted)
        got = {h.chunk_id for h in library_query(library=library, embedding=[1.0] * library.dimension, k=1000)}
        deleting_after = _read_ids(deleting)  # deletes begun before the query ended may show or not
        missing = (inserted_before - deleting_after) - got
        resurrected = got & deleted_before
        checks += 1
        if missing or resurrected:
            violations += 1
            examples.append(f"missing {sorted(missing)[:5]} resurrected {sorted(resurrected)[:5]}")
    out.write_text(json.dumps({"checks": checks, "violations": violations, "examples": examples[:5]}))


if __name__ == "__main__":
    _setup()
    mode, *args = sys.argv[1:]
    if mode == "write":
        write(int(args[0]), args[1], Path(args[2]), int(args[3]), int(args[4]), int(args[5]))
    elif mode == "read":
        deleted, deleting = (Path(p) for p in args[2].split(","))
        read(int(args[0]), [Path(p) for p in args[1].split(",")], deleted, deleting, Path(args[3]), float(args[4]))
    else:
        raise SystemExit(f"unknown mode {mode}")

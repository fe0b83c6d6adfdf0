"""Index snapshots: the binary format (`format.py`) and where they are kept and how they are saved
(`store.py`). See vectordb/README.md, "Persistence"."""

from vectordb.snapshots.format import SnapshotError, SnapshotInfo, Written, mapped, parse

__all__ = ["SnapshotError", "SnapshotInfo", "Written", "mapped", "parse"]

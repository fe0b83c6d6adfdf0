"""Redis key names of one replication cluster (several clusters can share a Redis)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_CLUSTER = "default"
GROUP = "leader"  # the consumer group of the write stream: only the current leader reads it


@dataclass(frozen=True)
class Keys:
    cluster: str

    @property
    def prefix(self) -> str:
        return f"vectordb:repl:{self.cluster}"

    @property
    def lease(self) -> str:
        return f"{self.prefix}:lease"

    @property
    def epoch(self) -> str:
        return f"{self.prefix}:epoch"

    @property
    def writes(self) -> str:
        return f"{self.prefix}:writes"

    @property
    def changes(self) -> str:
        return f"{self.prefix}:changes"

    @property
    def nodes(self) -> str:
        return f"{self.prefix}:nodes"

    def reply(self, request_id: str) -> str:
        return f"{self.prefix}:reply:{request_id}"


def valid_cluster(name: str) -> bool:
    return bool(name) and len(name) <= 100 and all(c.isalnum() or c in "-_." for c in name)

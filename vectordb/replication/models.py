"""Replication state kept in Postgres (registered with the `vectordb` app through `vectordb.models`).

- `ReplicationFence`: per cluster, the highest leader epoch that has applied (or claimed the right
  to apply) a write. A leader's write locks this row and is refused if the row holds a higher
  epoch: a leader that lost its lease without noticing cannot write after its successor started.
- `ReplicatedWrite`: one row per write request applied through the leader, by request id, in the
  same transaction as the write: a request delivered twice (a retry, or a new leader re-reading
  the dead leader's pending entries) is applied once and answered with the stored result.
"""

from __future__ import annotations

from django.db import models


class ReplicationFence(models.Model):
    cluster = models.CharField(max_length=100, unique=True)
    epoch = models.BigIntegerField(default=0, help_text="Highest leader epoch that has written.")
    leader = models.CharField(max_length=100, blank=True, help_text="Node id of that leader.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "vectordb"

    def __str__(self) -> str:
        return f"{self.cluster}: epoch {self.epoch} ({self.leader})"


class ReplicatedWrite(models.Model):
    request_id = models.CharField(max_length=100, unique=True)
    cluster = models.CharField(max_length=100)
    op = models.CharField(max_length=50)
    library_id = models.BigIntegerField(null=True, blank=True)
    epoch = models.BigIntegerField(help_text="Epoch of the leader that applied it.")
    leader = models.CharField(max_length=100)
    ok = models.BooleanField(default=True)
    result = models.JSONField(default=dict, blank=True)
    version = models.BigIntegerField(null=True, blank=True, help_text="Library version after the write.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "vectordb"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.op} {self.request_id} at epoch {self.epoch}"

"""Vector database: libraries of documents of chunks, a change log, saved indexes and index builds.

Consistency rests on `Library.version`: every write to a library's chunks locks the library row,
increments `version`, stamps the chunks it writes with that `seq` and appends one `ChunkChange` row
per chunk touched. Row locks make the sequence order equal the commit order, so a reader that sees
`version = V` can replay the change log up to V and knows it has every acknowledged write.

Libraries, documents, chunks and index builds are named in the API by a random `uuid` (their public
id: not sequential, so ids can be neither guessed nor counted); the integer primary key stays the
internal key of every foreign key, the change log, the snapshots and the in-memory indexes.
"""

from __future__ import annotations

import uuid

from django.db import models

from accounts.models import Project


def _public_id() -> models.UUIDField:
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id.")


class Metric(models.TextChoices):
    COSINE = "cosine", "Cosine similarity"
    DOT = "dot", "Dot product"
    EUCLIDEAN = "euclidean", "Euclidean distance"


class IndexType(models.TextChoices):
    FLAT = "flat", "Flat (exact)"
    IVF = "ivf", "IVF (k-means partitions)"
    HNSW = "hnsw", "HNSW (graph)"


class Library(models.Model):
    uuid = _public_id()
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="vector_libraries")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    dimension = models.PositiveIntegerField()
    metric = models.CharField(max_length=16, choices=Metric.choices, default=Metric.COSINE)
    index_type = models.CharField(max_length=16, choices=IndexType.choices, default=IndexType.FLAT)
    index_params = models.JSONField(default=dict, blank=True)
    embedding_provider = models.CharField(
        max_length=50, null=True, blank=True, help_text="Embeds chunk texts and text queries when set."
    )
    version = models.BigIntegerField(default=0, help_text="Sequence number of the last committed write.")
    index_generation = models.PositiveIntegerField(default=0, help_text="Bumped when the index is rebuilt.")
    log_floor = models.BigIntegerField(default=0, help_text="Changes up to this sequence were pruned from the log.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "libraries"
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="vectordb_unique_library_name")]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    uuid = _public_id()
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=500)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Chunk(models.Model):
    uuid = _public_id()
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="chunks")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chunks")
    text = models.TextField(blank=True)
    embedding = models.BinaryField(help_text="float32 little-endian, `dimension` values.")
    metadata = models.JSONField(default=dict, blank=True)
    seq = models.BigIntegerField(default=0, help_text="Library version of the last write of this chunk.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["library", "document"], name="vectordb_chunk_lib_doc")]

    def __str__(self) -> str:
        return f"chunk {self.pk} of {self.document_id}"


class ChunkChange(models.Model):
    """The change log: which chunks a committed write (`seq`) inserted, updated or deleted."""

    class Op(models.TextChoices):
        UPSERT = "u", "Upsert"
        DELETE = "d", "Delete"

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="changes")
    seq = models.BigIntegerField()
    chunk_id = models.BigIntegerField()
    op = models.CharField(max_length=1, choices=Op.choices)

    class Meta:
        indexes = [models.Index(fields=["library", "seq"], name="vectordb_change_lib_seq")]

    def __str__(self) -> str:
        return f"{self.get_op_display()} chunk {self.chunk_id} at {self.seq}"


class IndexSnapshot(models.Model):
    """A built index saved at `seq`, so a restart does not rebuild it: the catalog row of a binary
    snapshot (`vectordb/snapshots.py`) kept in `file_name` under `VECTORDB_SNAPSHOT_DIR`, or in
    `data` when snapshots are kept in the database. `token` and `checksum` must match the file."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="snapshots")
    generation = models.PositiveIntegerField()
    index_type = models.CharField(max_length=16, choices=IndexType.choices)
    index_params = models.JSONField(default=dict, blank=True)
    seq = models.BigIntegerField()
    vector_count = models.PositiveIntegerField(default=0)
    data = models.BinaryField(default=b"", blank=True, help_text="The snapshot, when not kept in a file.")
    file_name = models.CharField(max_length=300, blank=True, help_text="Relative to VECTORDB_SNAPSHOT_DIR.")
    token = models.CharField(max_length=32, blank=True, help_text="Random; repeated in the file's header.")
    checksum = models.BigIntegerField(default=0, help_text="CRC-32 of the snapshot's arrays.")
    size_bytes = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seq", "-id"]
        indexes = [models.Index(fields=["library", "generation", "seq"], name="vectordb_snapshot_lookup")]

    def __str__(self) -> str:
        return f"{self.index_type} snapshot of library {self.library_id} at {self.seq}"


class IndexBuild(models.Model):
    """A request to (re)build a library's index, run in the background with visible progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    uuid = _public_id()
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="builds")
    index_type = models.CharField(max_length=16, choices=IndexType.choices)
    index_params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0, help_text="0 to 1.")
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    seq = models.BigIntegerField(null=True, blank=True, help_text="Library version the build covers.")
    vector_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.index_type} build {self.pk} ({self.status})"


# Replication state lives in vectordb/replication/models.py; importing it here registers it.
from vectordb.replication.models import ReplicatedWrite, ReplicationFence  # noqa: E402, F401

# The query pipeline's run rows (tenancy only; the runs themselves live in Temporal).
from vectordb.workflows.models import PipelineRun  # noqa: E402, F401

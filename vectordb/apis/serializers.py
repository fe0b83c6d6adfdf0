"""Request and response shapes of the vector database API (and the query body's fast path)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vectordb import selectors
from vectordb.apis.common import (
    VectorField,
    _validated,
)
from vectordb.models import Chunk
from vectordb.public_ids import PublicIdField


class LibraryOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    project = serializers.UUIDField(source="project.uuid")
    name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.JSONField()
    dimension = serializers.IntegerField()
    metric = serializers.CharField()
    index_type = serializers.CharField()
    index_params = serializers.JSONField()
    embedding_provider = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(help_text="Sequence number of the last write.")
    index_generation = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class LibraryCreateInputSerializer(serializers.Serializer):
    project = PublicIdField(required=False, help_text="The project's id; optional with an API key (the key's project).")
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    metadata = serializers.JSONField(required=False, default=dict)
    dimension = serializers.IntegerField(required=False, allow_null=True, help_text="Optional with a provider.")
    metric = serializers.CharField(required=False, default="cosine", help_text="cosine, dot or euclidean.")
    index_type = serializers.CharField(required=False, default="flat", help_text="flat, ivf or hnsw.")
    index_params = serializers.JSONField(required=False, default=dict)
    embedding_provider = serializers.CharField(
        required=False, allow_null=True, help_text="Default `minilm` when no `dimension` is given (raw vectors)."
    )

    def validate(self, attrs: dict) -> dict:
        if "embedding_provider" not in attrs:  # only a name: text in, vectors by the default embedder
            from vectordb.embeddings import DEFAULT_PROVIDER

            attrs["embedding_provider"] = None if attrs.get("dimension") else DEFAULT_PROVIDER
        return attrs


class LibraryUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    metadata = serializers.JSONField(required=False)
    embedding_provider = serializers.CharField(required=False, allow_blank=True)


class DocumentOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    library = serializers.UUIDField(source="library.uuid")
    title = serializers.CharField()
    metadata = serializers.JSONField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, allow_blank=True)
    metadata = serializers.JSONField(required=False, default=dict)


class DocumentUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, allow_blank=True, required=False)
    metadata = serializers.JSONField(required=False)


class ChunkOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    document_id = serializers.UUIDField(source="document.uuid")
    text = serializers.CharField()
    metadata = serializers.JSONField()
    embedding = serializers.SerializerMethodField()
    seq = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.FloatField(), allow_null=True))
    def get_embedding(self, obj: Chunk) -> list[float] | None:
        if not self.context.get("with_embedding"):
            return None
        import numpy as np

        return np.frombuffer(bytes(obj.embedding), dtype="<f4").tolist()


class ChunkUpsertItemSerializer(serializers.Serializer):
    """Documents the shape; the service validates (fast, numpy) and answers 422 on bad values."""

    id = PublicIdField(required=False, help_text="Set to replace an existing chunk.")
    document_id = PublicIdField()
    text = serializers.CharField(required=False, allow_blank=True)
    embedding = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text="Optional with an embedding_provider."
    )
    metadata = serializers.DictField(required=False)


class ChunkUpsertInputSerializer(serializers.Serializer):
    chunks = ChunkUpsertItemSerializer(many=True)


class ChunkUpsertOutputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.UUIDField())
    count = serializers.IntegerField()


class ChunkBulkDeleteInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=PublicIdField(), max_length=50_000)


class ChunkBulkDeleteOutputSerializer(serializers.Serializer):
    deleted = serializers.IntegerField()


class ChunkUpdateInputSerializer(serializers.Serializer):
    document_id = PublicIdField(required=False)
    text = serializers.CharField(required=False, allow_blank=True)
    embedding = VectorField(required=False, help_text="A list of `dimension` numbers.")
    metadata = serializers.JSONField(required=False)


def hit_fields_field() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=selectors.HIT_FIELDS),
        required=False,
        allow_empty=False,
        help_text=(
            "The hit fields to return (default all). Only `score`: answered from the in-memory index "
            "alone; only `chunk_id`, `score` and `document_id`: the public ids read without text or metadata."
        ),
    )


class QueryInputSerializer(serializers.Serializer):
    embedding = VectorField(
        required=False, allow_null=True, help_text="The query vector: a list of `dimension` numbers."
    )
    text = serializers.CharField(
        required=False, allow_null=True, help_text="A text, embedded by the library's provider."
    )
    k = serializers.IntegerField(required=False, default=10)
    filter = serializers.JSONField(required=False, allow_null=True, help_text="A metadata filter (see README).")
    index = serializers.CharField(
        required=False, allow_null=True, help_text="'flat' forces exact search; default: the library's index."
    )
    params = serializers.JSONField(
        required=False, allow_null=True, help_text="Index search parameters: HNSW `ef`, IVF `nprobe`."
    )
    explain = serializers.BooleanField(required=False, default=False)
    fields = hit_fields_field()

    def validate(self, attrs: dict) -> dict:
        if attrs.get("embedding") is not None and attrs.get("text") is not None:
            both = "send either embedding or text, not both"
            raise serializers.ValidationError({"embedding": [both], "text": [both]})
        return attrs


def _plain_str(value: Any) -> bool:
    return isinstance(value, str) and value != "" and value == value.strip()


#: What the query serializer would return unchanged: (key, test). Anything else goes through it.
_QUERY_PLAIN = (
    ("embedding", lambda v: v is None or isinstance(v, list)),
    ("text", lambda v: v is None or _plain_str(v)),
    ("k", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    ("filter", lambda v: True),
    ("index", lambda v: v is None or _plain_str(v)),
    ("params", lambda v: True),
    ("explain", lambda v: isinstance(v, bool)),
    ("fields", lambda v: isinstance(v, list) and v and all(f in selectors.HIT_FIELDS for f in v)),
)


def query_body(body: dict) -> dict:
    """The validated query body: what `QueryInputSerializer` returns, without building it (~0.6 ms
    a request) when every value is one it would pass through unchanged; otherwise the serializer
    runs and answers as usual (422 naming the field)."""
    data: dict[str, Any] = {"k": 10, "explain": False}
    for key, plain in _QUERY_PLAIN:
        if key in body:
            if not plain(body[key]):
                return _validated(QueryInputSerializer, body)
            data[key] = body[key]
    if data.get("embedding") is not None and data.get("text") is not None:
        return _validated(QueryInputSerializer, body)  # the serializer's 422 naming both
    return data


def query_options(data: dict) -> tuple[bool, tuple[str, ...]]:
    """Pop `explain` and `fields` off a validated query body: (explain, the hit fields to answer)."""
    return data.pop("explain"), selectors.hit_fields(data.pop("fields", None)) or selectors.HIT_FIELDS


def query_payload(hits: list, plan: Any, fields: tuple[str, ...], *, explain: bool) -> dict[str, Any]:
    """The query endpoint's response body: the hits with `fields`, and the plan when `explain`."""
    body: dict[str, Any] = {"hits": selectors.hits_payload(hits, fields)}
    if explain:
        body["plan"] = plan.__dict__
    return body


class QueryHitSerializer(serializers.Serializer):
    """Documents a hit (the views build hits with `selectors.hits_payload`); all fields unless the
    query named `fields`."""

    chunk_id = serializers.UUIDField(required=False)
    score = serializers.FloatField(
        required=False, help_text="Higher is better: cosine, dot, or minus the euclidean distance."
    )
    text = serializers.CharField(required=False)
    metadata = serializers.JSONField(required=False)
    document_id = serializers.UUIDField(required=False)
    document_title = serializers.CharField(required=False)


class QueryOutputSerializer(serializers.Serializer):
    hits = QueryHitSerializer(many=True)
    plan = serializers.JSONField(required=False, help_text="How the query was answered (with `explain`).")


class IndexBuildInputSerializer(serializers.Serializer):
    index_type = serializers.CharField(required=False, allow_null=True, help_text="flat, ivf or hnsw.")
    index_params = serializers.JSONField(required=False, allow_null=True)


class IndexBuildOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    library = serializers.UUIDField(source="library.uuid")
    index_type = serializers.CharField()
    index_params = serializers.JSONField()
    status = serializers.CharField()
    progress = serializers.FloatField()
    message = serializers.CharField()
    error = serializers.CharField()
    seq = serializers.IntegerField(allow_null=True)
    vector_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class BatchQueryInputSerializer(serializers.Serializer):
    embeddings = serializers.ListField(
        # passed through (the selector checks each vector: 422 naming `embeddings[i]`); a JSONField
        # child would re-encode every vector only to check it is JSON, which it is once parsed
        child=VectorField(),
        help_text="Up to 1000 query vectors, each a list of `dimension` numbers.",
    )
    k = serializers.IntegerField(required=False, default=10)
    filter = serializers.JSONField(required=False, allow_null=True, help_text="A metadata filter (see README).")
    index = serializers.CharField(required=False, allow_null=True)
    params = serializers.JSONField(required=False, allow_null=True)
    fields = hit_fields_field()

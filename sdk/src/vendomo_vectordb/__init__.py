"""Typed Python client for the Vendomo vector database.

from vendomo_vectordb import VectorDB

with VectorDB("http://127.0.0.1:8000", api_key="...") as db:
    library = db.libraries.create("handbook", embedding_provider="minilm")
    doc = db.documents.create(library.id, "Returns policy")
    db.chunks.bulk_upload(library.id, [{"document_id": doc.id, "text": "Refunds within 30 days."}])
    for hit in db.query(library.id, text="can I get my money back?", k=3):
        print(hit.score, hit.text)
"""

from vendomo_vectordb.aio import AsyncVectorDB
from vendomo_vectordb.client import DEFAULT_URL, VectorDB
from vendomo_vectordb.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    BulkUploadError,
    ConflictError,
    IndexBuildFailedError,
    NotFoundError,
    PermissionDeniedError,
    PipelineFailedError,
    RateLimitError,
    ServerError,
    TransportError,
    ValidationError,
    VectorDBError,
    WaitTimeoutError,
)
from vendomo_vectordb.models import (
    HIT_FIELDS,
    BulkUploadResult,
    Chunk,
    ChunkInput,
    Document,
    Hit,
    IndexBuild,
    Library,
    Page,
    PipelineRun,
    PipelineStep,
    QueryResult,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_URL",
    "HIT_FIELDS",
    "APIError",
    "AsyncVectorDB",
    "AuthenticationError",
    "BadRequestError",
    "BulkUploadError",
    "BulkUploadResult",
    "Chunk",
    "ChunkInput",
    "ConflictError",
    "Document",
    "Hit",
    "IndexBuild",
    "IndexBuildFailedError",
    "Library",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "PipelineFailedError",
    "PipelineRun",
    "PipelineStep",
    "QueryResult",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "ValidationError",
    "VectorDB",
    "VectorDBError",
    "WaitTimeoutError",
    "__version__",
]

"""REST API of the vector database. Views parse, call a service or selector, and format.

Everything lives under a library, and a library under a project: a project API key reaches only
its own project's libraries (403 otherwise); unknown ids are 404. Bad values are 422 with
`errors` naming the field (`chunks[3].embedding`), malformed requests 400.

    common.py       paging, body checks, LibraryScopedApi (the library must be reachable)
    serializers.py  request and response shapes; query_body (the query body's fast path)
    libraries.py    libraries and documents;  chunks.py  chunks;  queries.py  queries, index builds
"""

from vectordb.apis.chunks import (
    ChunkBulkDeleteApi,
    ChunkCollectionApi,
    ChunkDetailApi,
)
from vectordb.apis.libraries import (
    DocumentCollectionApi,
    DocumentDetailApi,
    LibraryCollectionApi,
    LibraryDetailApi,
)
from vectordb.apis.queries import (
    IndexBuildCollectionApi,
    IndexBuildDetailApi,
    LibraryBatchQueryApi,
    LibraryQueryApi,
)
from vectordb.apis.serializers import (
    BatchQueryInputSerializer,
    QueryHitSerializer,
    QueryInputSerializer,
)

__all__ = [
    "BatchQueryInputSerializer",
    "ChunkBulkDeleteApi",
    "ChunkCollectionApi",
    "ChunkDetailApi",
    "DocumentCollectionApi",
    "DocumentDetailApi",
    "IndexBuildCollectionApi",
    "IndexBuildDetailApi",
    "LibraryBatchQueryApi",
    "LibraryCollectionApi",
    "LibraryDetailApi",
    "LibraryQueryApi",
    "QueryHitSerializer",
    "QueryInputSerializer",
]
